package org.gatepost.simulator.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.scanner.ScannerDriver;
import org.gatepost.agent.device.scanner.ScannerSettings;
import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.testing.Await;
import org.gatepost.simulator.pty.SocatPtyPair;
import org.gatepost.simulator.testing.PtyReplug;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's driver and the emulator on the two ends of a socat pseudo-terminal pair, through jSerialComm:
 * the real serial path, with the module's 9600-baud pacing. Needs socat ({@code apt-get install socat});
 * fails, does not skip, without it.
 */
class ScannerOverPtyTest {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String HEALTH_CODE = "健康码:绿码";
    private static final ScannerSettings SETTINGS = ScannerSettings.DEFAULT
            .withTerminator(Terminator.CRLF)
            .withMaxLengthBytes(512)
            .withBackoff(new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)));

    @TempDir
    Path dir;

    @Test
    void scansCrossAPtyShowTheUnplugInHealthAndFlowAgainAfterReplug() throws Exception {
        List<CredentialRead> reads = new CopyOnWriteArrayList<>();
        try (SocatPtyPair pty = SocatPtyPair.start(dir, "scanner");
                ScannerEmulator emulator = new ScannerEmulator(pty.deviceLinks(ScannerSettings.DEFAULT_BAUD)).start();
                ScannerDriver driver = new ScannerDriver(
                        "scanner",
                        pty.agentLinks(ScannerSettings.DEFAULT_BAUD),
                        Clock.systemUTC(),
                        reads::add,
                        SETTINGS)) {
            emulator.configure(Charset.forName("GBK"), Terminator.CRLF);
            emulator.pace(true);
            driver.start();
            Await.until(
                    "the driver connected", DEADLINE, () -> driver.health().state() == State.CONNECTED, driver::health);

            emulator.scan(HEALTH_CODE);
            emulator.injectOversize(600);
            emulator.scan("https://jkm.example/q?t=" + "9".repeat(200));
            Await.until("two scans over the pty", DEADLINE, () -> reads.size() == 2, driver::health);
            assertEquals(HEALTH_CODE, reads.getFirst().number());
            assertEquals(1, driver.health().badFrames(), "the oversize code");

            PtyReplug.unplugAndReplug(pty, driver, emulator, DEADLINE);

            emulator.scan("AFTER-REPLUG");
            Await.until("a scan after the replug", DEADLINE, () -> reads.size() == 3, driver::health);
            assertEquals("AFTER-REPLUG", reads.get(2).number());
            DeviceHealth health = driver.health();
            assertEquals(1, health.badFrames());
            assertTrue(health.port().endsWith("scanner-agent"), health.port());
        }
    }
}
