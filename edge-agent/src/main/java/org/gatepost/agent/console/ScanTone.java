package org.gatepost.agent.console;

import java.util.Locale;
import org.gatepost.agent.checkpoint.VolunteerDesk.ScanView;

/**
 * The colour the console gives a scan: green when the person passed as they should, red when denied, amber
 * when a volunteer has something to do or look at (retest, unknown credential, mask, no reading, or a denial
 * let through under soft enforcement). Stateless.
 */
enum ScanTone {
    GREEN,
    AMBER,
    RED;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ScanTone of(ScanView s) {
        return switch (s.decision()) {
            case "admit", "admit-visitor", "visitor", "override", "sign-in", "sign-out" -> s.admitted() ? GREEN : RED;
            case "retest", "unknown", "deny-mask", "no-reading" -> AMBER;
            default -> s.admitted() ? AMBER : RED;
        };
    }
}
