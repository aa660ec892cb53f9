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
        return ScanView.builder(seq, AT.plusSeconds(seq), "admit")
                .admitted(true)
                .masked("110105********002X")
                .name(name)
                .household("3-2-501")
                .role("resident")
                .bodyC(36.4)
                .thresholdC(37.3)
                .direction("out")
                .reader("idcard")
                .build();
    }

    static ScanView unknown(long seq) {
        return ScanView.builder(seq, AT.plusSeconds(seq), "unknown")
                .masked("320102********1234")
                .role("unknown")
                .bodyC(36.6)
                .thresholdC(37.3)
                .direction("in")
                .reader("idcard")
                .build();
    }

    static ScanView fever(long seq, String name) {
        return ScanView.builder(seq, AT.plusSeconds(seq), "deny-fever")
                .masked("440305********5678")
                .name(name)
                .household("5-1-302")
                .role("resident")
                .bodyC(38.1)
                .thresholdC(37.3)
                .direction("out")
                .reader("idcard")
                .note("复测仍高 Retest still high")
                .build();
    }

    /** An admitted visitor pass: one use, valid 08:00–20:00 UTC on the scan's day. */
    static ScanView visitorPass(long seq) {
        return ScanView.builder(seq, AT.plusSeconds(seq), "admit-visitor")
                .admitted(true)
                .masked("********4c70")
                .household("3-2-501")
                .role("visitor")
                .bodyC(36.5)
                .thresholdC(37.3)
                .direction("in")
                .reader("qr")
                .pass(new RuleFields.Pass(
                        "3c5e8a1f9b2d4c70",
                        "3-2-501",
                        "one",
                        Instant.parse("2026-11-28T08:00:00Z"),
                        Instant.parse("2026-11-28T20:00:00Z")))
                .build();
    }

    static ScanView retest(long seq) {
        return ScanView.builder(seq, AT.plusSeconds(seq), "retest")
                .masked("440305********5678")
                .name("王芳")
                .household("5-1-302")
                .role("resident")
                .bodyC(37.5)
                .thresholdC(37.3)
                .direction("out")
                .reader("idcard")
                .build();
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
                () -> new UplinkState(false, 40, null, 17, 0, 0, 3, 0),
                () -> GateLists.NONE.with("blocked", 2, Set.of()).with("quarantine", 3, List.of()));
    }

    static Map<String, Long> versions() {
        return Map.of("blocked", 2L, "quarantine", 3L);
    }
}
