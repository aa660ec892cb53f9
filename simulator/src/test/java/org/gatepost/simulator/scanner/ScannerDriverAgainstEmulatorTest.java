package org.gatepost.simulator.scanner;

import static org.gatepost.simulator.testing.InMemoryCable.onlyOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.scanner.ScannerDriver;
import org.gatepost.agent.device.scanner.ScannerSettings;
import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;
import org.gatepost.agent.device.scanner.ScannerSettings.TextEncoding;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's real driver against the emulator over an in-memory null-modem pair, on the real clock. */
class ScannerDriverAgainstEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HEALTH_CODE = "健康码:绿码";
    private static final Charset GBK = Charset.forName("GBK");
    private static final ScannerSettings SETTINGS =
            ScannerSettings.DEFAULT.withBackoff(new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100)));

    private final List<CredentialRead> reads = new CopyOnWriteArrayList<>();
    private ScannerEmulator emulator;
    private ScannerDriver driver;

    @AfterEach
    void closeAll() {
        if (driver != null) {
            driver.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void gbkScansWithTheFactoryTailArriveAsQrCredentials() {
        start(SETTINGS);

        emulator.scan(HEALTH_CODE);
        emulator.scan("https://jkm.example/q?t=8f3a");

        Await.until("two scans", WAIT, () -> reads.size() == 2, driver::health);
        assertEquals(HEALTH_CODE, reads.get(0).number());
        assertEquals(CredentialRead.KIND_QR, reads.get(0).kind());
        assertEquals("https://jkm.example/q?t=8f3a", reads.get(1).number());
    }

    @Test
    void utf8CrlfTabAndTaillessScansEachFrameWithTheMatchingSetting() {
        start(SETTINGS.withEncoding(TextEncoding.AUTO));
        emulator.scan(HEALTH_CODE, StandardCharsets.UTF_8, Terminator.CRLF);
        Await.until("the CRLF scan", WAIT, () -> reads.size() == 1, driver::health);

        start(SETTINGS.withTerminator(Terminator.TAB));
        emulator.scan("TAB-CODE", GBK, Terminator.TAB);
        Await.until("the TAB scan", WAIT, () -> reads.size() == 2, driver::health);

        start(SETTINGS.withTerminator(Terminator.NONE));
        emulator.scan("NO-TAIL", GBK, Terminator.NONE);
        Await.until("the tail-less scan", WAIT, () -> reads.size() == 3, driver::health);

        assertEquals(
                List.of(HEALTH_CODE, "TAB-CODE", "NO-TAIL"),
                reads.stream().map(CredentialRead::number).toList());
    }

    @Test
    void aLongCodePacedAt9600BaudIsOneScanEvenWithoutATail() {
        start(SETTINGS.withTerminator(Terminator.NONE));
        emulator.pace(true);
        String code = "https://jkm.example/q?t=" + "a1b2c3".repeat(46); // 300 bytes, about 0.3 s on the wire

        emulator.scan(code, GBK, Terminator.NONE);

        Await.until("the paced scan", WAIT, () -> reads.size() == 1, driver::health);
        assertEquals(code, reads.getFirst().number());
        assertEquals(0, driver.health().badFrames());
    }

    @Test
    void injectedFaultsAreCountedAndTheScansAroundThemStillArrive() {
        start(SETTINGS.withMaxLengthBytes(64));

        emulator.scan("BEFORE");
        emulator.injectOversize(500);
        emulator.injectGarbage(new byte[] {0x01, 0x02, (byte) 0x81, 0x0D});
        emulator.omitNextTerminator();
        emulator.scan("LOST-TAIL");
        Await.until("the tail-less scan framed by the gap", WAIT, () -> reads.size() == 2, driver::health);
        emulator.scan("AFTER");

        Await.until("three scans", WAIT, () -> reads.size() == 3, driver::health);
        assertEquals(
                List.of("BEFORE", "LOST-TAIL", "AFTER"),
                reads.stream().map(CredentialRead::number).toList());
        assertEquals(2, driver.health().badFrames(), "the oversize code and the garbage line");
        assertEquals(State.CONNECTED, driver.health().state());
    }

    @Test
    void theSameCodeScannedTwiceInQuickSuccessionIsOneRead() {
        start(SETTINGS);

        emulator.scan(HEALTH_CODE);
        emulator.scan(HEALTH_CODE);
        emulator.scan("OTHER");

        Await.until("the other code", WAIT, () -> reads.size() == 2, driver::health);
        assertEquals(
                List.of(HEALTH_CODE, "OTHER"),
                reads.stream().map(CredentialRead::number).toList());
        assertEquals(3, driver.health().frames());
    }

    /** A fresh cable, scanner and driver with {@code settings}; closes those of an earlier call. */
    private void start(ScannerSettings settings) {
        closeAll();
        MemorySerialLink[] pair = MemorySerialLink.pair("scanner", 5);
        emulator = new ScannerEmulator(pair[1]).start();
        driver = new ScannerDriver("scanner", onlyOnce(pair[0]), Clock.systemUTC(), reads::add, settings);
        driver.start();
    }
}
