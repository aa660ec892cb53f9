package org.gatepost.agent.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gatepost.agent.checkpoint.VolunteerDesk.ScanView;
import org.junit.jupiter.api.Test;

class ScanToneTest {
    private static ScanTone tone(String decision, boolean admitted) {
        return ScanTone.of(
                ScanView.builder(1, Scans.AT, decision).admitted(admitted).build());
    }

    @Test
    void passagesAreGreen() {
        for (String d : new String[] {"admit", "visitor", "override", "sign-in", "sign-out"}) {
            assertEquals(ScanTone.GREEN, tone(d, true), d);
        }
    }

    @Test
    void hardDenialsAreRed() {
        for (String d : new String[] {"deny-fever", "deny-quarantine", "deny-blocked", "deny-quota"}) {
            assertEquals(ScanTone.RED, tone(d, false), d);
        }
    }

    @Test
    void whatNeedsAVolunteerAndSoftDenialsAreAmber() {
        for (String d : new String[] {"retest", "unknown", "deny-mask", "no-reading"}) {
            assertEquals(ScanTone.AMBER, tone(d, false), d);
        }
        assertEquals(ScanTone.AMBER, tone("deny-quarantine", true), "soft enforcement: opened, but look");
    }
}
