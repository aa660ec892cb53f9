package org.gatepost.agent.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatepost.agent.checkpoint.VolunteerDesk.OnDuty;
import org.gatepost.agent.checkpoint.VolunteerDesk.ScanView;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceReport;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.uplink.UplinkState;

/** Scans, volunteers and a gate status as the console tests use them. */
final class Scans {
    static final Instant AT = Instant.parse("2026-11-28T09:15:00Z");
    static final String VOLUNTEER_BADGE = "5928aa01bb02cc03dd04ee05ff0611227e24";

    private Scans() {}

    static ScanView admit(long seq, String name) {
        return new ScanView(
                seq,
                AT.plusSeconds(seq),
                "admit",
                true,
                "110105********002X",
                name,
                "3-2-501",
                "resident",
                36.4,
                37.3,
                null,
                "out",
                "idcard",
                false,
                null);
    }

    static ScanView unknown(long seq) {
        return new ScanView(
                seq,
                AT.plusSeconds(seq),
                "unknown",
                false,
                "320102********1234",
                null,
                null,
                "unknown",
                36.6,
                37.3,
                null,
                "in",
                "idcard",
                false,
                null);
    }

    static ScanView fever(long seq, String name) {
        return new ScanView(
                seq,
                AT.plusSeconds(seq),
                "deny-fever",
                false,
                "440305********5678",
                name,
                "5-1-302",
                "resident",
                38.1,
                37.3,
                null,
                "out",
                "idcard",
                false,
                "复测仍高 Retest still high");
    }

    /** An admitted visitor pass: one use, valid 08:00–20:00 UTC on the scan's day. */
    static ScanView visitorPass(long seq) {
        return new ScanView(
                seq,
                AT.plusSeconds(seq),
                "admit-visitor",
                true,
                "********4c70",
                null,
                "3-2-501",
                "visitor",
                36.5,
                37.3,
                null,
                "in",
                "qr",
                false,
                null,
                new RuleFields.Pass(
                        "3c5e8a1f9b2d4c70",
                        "3-2-501",
                        "one",
                        Instant.parse("2026-11-28T08:00:00Z"),
                        Instant.parse("2026-11-28T20:00:00Z")));
    }

    static ScanView retest(long seq) {
        return new ScanView(
                seq,
                AT.plusSeconds(seq),
                "retest",
                false,
                "440305********5678",
                "王芳",
                "5-1-302",
                "resident",
                37.5,
                37.3,
                null,
                "out",
                "idcard",
                false,
                null);
    }

    static OnDuty volunteer() {
        return new OnDuty(VOLUNTEER_BADGE, "110101********0011", "李志愿", "volunteer", AT.minusSeconds(3600));
    }

    static ConsoleStatus status() {
        DeviceHealth thermometer =
                new DeviceHealth("thermometer", "/dev/ttyUSB0", DeviceHealth.State.CONNECTED, 120, 0, 0, "", AT);
        DeviceHealth idcard =
                new DeviceHealth("idcard", "/dev/ttyUSB1", DeviceHealth.State.DISCONNECTED, 0, 0, 3, "port gone", null);
        return ConsoleStatus.of(
                "north-gate",
                () -> List.of(
                        new DeviceReport(DeviceReport.THERMOMETER, thermometer),
                        new DeviceReport(DeviceReport.READER, idcard)),
                () -> new UplinkState(false, 40, null, 17, 0, 0, 3),
                () -> GateLists.NONE.with("blocked", 2, Set.of()).with("quarantine", 3, List.of()));
    }

    static Map<String, Long> versions() {
        return Map.of("blocked", 2L, "quarantine", 3L);
    }
}
