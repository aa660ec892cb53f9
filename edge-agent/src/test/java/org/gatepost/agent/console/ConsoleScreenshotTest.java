package org.gatepost.agent.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatepost.agent.checkpoint.VolunteerDesk.OnDuty;
import org.gatepost.agent.checkpoint.VolunteerDesk.ScanView;
import org.gatepost.agent.config.ConsoleConfig;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceReport;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.testing.HeadlessChrome;
import org.gatepost.agent.uplink.UplinkState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Renders the console with a gate's worth of scans and saves {@code target/screenshots/console.png}. The picture in
 * {@code docs/console.md} comes from here: {@code -Dgatepost.screenshots=../docs/images} also copies it there.
 * Chinese text needs a CJK font in the system (Debian: {@code fonts-wqy-microhei} or {@code fonts-noto-cjk}).
 */
class ConsoleScreenshotTest {
    private static final long MAX_PNG_BYTES = 300 * 1024;

    @TempDir
    Path dir;

    @Test
    void capturesTheConsoleAsASmallPng() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        FakeDesk desk = new FakeDesk();
        desk.scans(
                scan(
                        58,
                        now.minusSeconds(4),
                        "deny-fever",
                        false,
                        "440305********5678",
                        "王芳",
                        "5-1-302",
                        "resident",
                        38.1,
                        "out"),
                scan(
                        57,
                        now.minusSeconds(40),
                        "admit",
                        true,
                        "110105********002X",
                        "张伟",
                        "3-2-501",
                        "resident",
                        36.4,
                        "out"),
                scan(
                        56,
                        now.minusSeconds(95),
                        "unknown",
                        false,
                        "320102********1234",
                        null,
                        null,
                        "unknown",
                        36.6,
                        "in"),
                scan(
                        55,
                        now.minusSeconds(160),
                        "visitor",
                        true,
                        "330106********4411",
                        "赵敏",
                        "3-2-501",
                        "visitor",
                        36.5,
                        "in"),
                scan(
                        54,
                        now.minusSeconds(230),
                        "retest",
                        false,
                        "440305********5678",
                        "王芳",
                        "5-1-302",
                        "resident",
                        37.6,
                        "out"),
                scan(
                        53,
                        now.minusSeconds(300),
                        "admit",
                        true,
                        "510107********3322",
                        "陈静",
                        "2-1-203",
                        "resident",
                        36.2,
                        "in"),
                scan(
                        52,
                        now.minusSeconds(420),
                        "sign-in",
                        true,
                        "110101********0011",
                        "李志愿",
                        null,
                        "volunteer",
                        null,
                        null));
        desk.onDuty(new OnDuty(Scans.VOLUNTEER_BADGE, "110101********0011", "李志愿", "volunteer", now.minusSeconds(420)));
        ConsoleStatus status = ConsoleStatus.of(
                "north-gate",
                () -> List.of(
                        device(DeviceReport.THERMOMETER, "thermometer", DeviceHealth.State.CONNECTED, "", now),
                        device(DeviceReport.READER, "idcard", DeviceHealth.State.CONNECTED, "", now.minusSeconds(4)),
                        device(DeviceReport.READER, "rfid-east", DeviceHealth.State.SILENT, "no frame for 60 s", null)),
                () -> new UplinkState(false, 51, now.minusSeconds(600), 7, 0, 51, 2, 0),
                () -> GateLists.NONE
                        .with(GateLists.RESIDENTS, 7, Map.of())
                        .with(GateLists.QUARANTINE, 3, List.of())
                        .with(GateLists.BLOCKED, 2, Set.of())
                        .with(GateLists.BADGES, 4, Map.of()));
        try (ConsoleServer server = ConsoleServer.start(ConsoleConfig.loopback(0), desk, status, Clock.systemUTC())) {
            ChromeDriver driver = HeadlessChrome.start(dir.resolve("browser"), 1280, 960);
            try {
                ConsolePage page = new ConsolePage(driver, server.port()).open("");
                page.waitUntil(d ->
                        page.text("last-name").equals("王芳") && page.text("duty").contains("李志愿"));
                Path png = dir.resolve("console.png");
                Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
                assertTrue(Files.size(png) < MAX_PNG_BYTES, "console.png is " + Files.size(png) + " bytes");
                Path out = Files.createDirectories(Path.of("target/screenshots"));
                Files.copy(png, out.resolve("console.png"), StandardCopyOption.REPLACE_EXISTING);
                String docs = System.getProperty("gatepost.screenshots");
                if (docs != null) {
                    Files.copy(
                            png,
                            Files.createDirectories(Path.of(docs)).resolve("console.png"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                driver.quit();
            }
        }
    }

    private static ScanView scan(
            long seq,
            Instant at,
            String decision,
            boolean admitted,
            String masked,
            String name,
            String household,
            String role,
            Double bodyC,
            String direction) {
        return ScanView.builder(seq, at, decision)
                .admitted(admitted)
                .masked(masked)
                .name(name)
                .household(household)
                .role(role)
                .bodyC(bodyC)
                .thresholdC(37.3)
                .direction(direction)
                .reader("idcard")
                .note(decision.equals("deny-fever") ? "复测后仍高于37.3 °C Still high after the retest" : null)
                .build();
    }

    private static DeviceReport device(String kind, String name, DeviceHealth.State state, String error, Instant last) {
        return new DeviceReport(kind, new DeviceHealth(name, "/dev/ttyUSB0", state, 100, 0, 0, error, last));
    }
}
