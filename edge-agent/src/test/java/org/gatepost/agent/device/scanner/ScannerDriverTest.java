package org.gatepost.agent.device.scanner;

import static org.gatepost.agent.testing.DeviceChecks.assertCloseIsFinalAndIdempotent;
import static org.gatepost.agent.testing.DeviceChecks.throwingOnFirstCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;
import org.gatepost.agent.device.scanner.ScannerSettings.TextEncoding;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.Bytes;
import org.gatepost.agent.testing.DeviceChecks;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.PluggableLinks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScannerDriverTest {
    static {
        ScannerPrivacyTest.enableDebugLogging();
    }

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Charset GBK = Charset.forName("GBK");
    private static final String HEALTH_CODE = "健康码:绿码";
    static final ScannerSettings FAST =
            ScannerSettings.DEFAULT.withBackoff(new ReconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20)));

    private final ForwardableClock clock = new ForwardableClock(T0);
    private final PluggableLinks links = new PluggableLinks("scanner");
    private final BlockingQueue<CredentialRead> reads = new LinkedBlockingQueue<>();
    private ScannerDriver driver;

    @AfterEach
    void stopDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void deliversAGbkScanEndedByCrAsAQrCredential() throws Exception {
        MemorySerialLink device = start(FAST);

        device.write(concat(HEALTH_CODE.getBytes(GBK), Terminator.CR.bytes()));

        assertEquals(new CredentialRead("scanner", CredentialRead.KIND_QR, HEALTH_CODE, T0), nextRead());
        DeviceHealth health = driver.health();
        assertEquals(State.CONNECTED, health.state());
        assertEquals(1, health.frames());
        assertEquals(T0, health.lastFrameAt());
    }

    @Test
    void deliversUtf8ScansEndedByCrlfSplitAcrossReads() throws Exception {
        MemorySerialLink device = start(FAST.withTerminator(Terminator.CRLF).withEncoding(TextEncoding.UTF_8));

        device.write(concat(HEALTH_CODE.getBytes(StandardCharsets.UTF_8), Bytes.of(0x0D)));
        device.write(concat(
                Bytes.of(0x0A), "https://jkm.example/q?t=1".getBytes(StandardCharsets.US_ASCII), Bytes.of(0x0D)));
        device.write(Bytes.of(0x0A));

        assertEquals(HEALTH_CODE, nextRead().number());
        assertEquals("https://jkm.example/q?t=1", nextRead().number());
    }

    @Test
    void deliversTabTerminatedScans() throws Exception {
        MemorySerialLink device = start(FAST.withTerminator(Terminator.TAB));

        device.write(ascii("A-1\tB-2\t"));

        assertEquals("A-1", nextRead().number());
        assertEquals("B-2", nextRead().number());
    }

    @Test
    void autoEncodingTakesUtf8AndGbkAlike() throws Exception {
        MemorySerialLink device = start(FAST.withEncoding(TextEncoding.AUTO).withDuplicateWindow(Duration.ZERO));

        device.write(concat(HEALTH_CODE.getBytes(GBK), Bytes.of(0x0D)));
        device.write(concat(HEALTH_CODE.getBytes(StandardCharsets.UTF_8), Bytes.of(0x0D)));

        assertEquals(HEALTH_CODE, nextRead().number());
        assertEquals(HEALTH_CODE, nextRead().number());
    }

    @Test
    void framesOnTheIdleGapWhenNoTerminatorIsConfigured() throws Exception {
        MemorySerialLink device = start(FAST.withTerminator(Terminator.NONE));

        device.write(ascii("NO-TAIL-"));
        device.write(ascii("CODE"));
        Await.until("the bytes read", WAIT, () -> links.drained(12), driver::health);
        assertTrue(reads.isEmpty(), "nothing before the gap");
        clock.forward(ScannerSettings.DEFAULT_IDLE_GAP);

        CredentialRead read = nextRead();
        assertEquals("NO-TAIL-CODE", read.number());
        assertEquals(T0.plus(ScannerSettings.DEFAULT_IDLE_GAP), read.at());
    }

    @Test
    void aScanWhoseTerminatorWasLostStillArrivesAfterTheIdleGap() throws Exception {
        MemorySerialLink device = start(FAST);

        device.write(ascii("LOST-CR"));
        Await.until("the bytes read", WAIT, () -> links.drained(7), driver::health);
        clock.forward(ScannerSettings.DEFAULT_IDLE_GAP);

        assertEquals("LOST-CR", nextRead().number());
    }

    @Test
    void collapsesTheSameTextWithinTheDuplicateWindowAndReadsItAgainAfter() throws Exception {
        MemorySerialLink device = start(FAST);
        byte[] scan = ascii("SAME\r");

        device.write(scan);
        nextRead();
        for (int i = 0; i < 5; i++) {
            clock.forward(Duration.ofMillis(900)); // a held code rescanned: each sighting extends the window
            device.write(scan);
            int lines = i + 2;
            Await.until(
                    "line " + lines + " counted", WAIT, () -> driver.health().frames() == lines, driver::health);
        }
        assertEquals(1, driver.reads());

        clock.forward(ScannerSettings.DEFAULT_DUPLICATE_WINDOW);
        device.write(scan);

        assertEquals("SAME", nextRead().number());
        assertEquals(2, driver.reads());
    }

    @Test
    void differentTextsAreNeverCollapsed() throws Exception {
        MemorySerialLink device = start(FAST);

        device.write(ascii("A\rB\rA\r"));

        assertEquals("A", nextRead().number());
        assertEquals("B", nextRead().number());
        assertEquals("A", nextRead().number());
    }

    @Test
    void rejectsOversizeAndUnreadableLinesAndReportsErroring() throws Exception {
        MemorySerialLink device = start(FAST.withMaxLengthBytes(16));

        device.write(ascii("X".repeat(40) + "\r"));
        device.write(Bytes.of(0x41, 0x00, 0x42, 0x0D)); // a NUL: line noise
        device.write(Bytes.of(0x41, 0x81, 0x0D)); // a GBK lead byte without its trail
        Await.until("three rejected lines", WAIT, () -> driver.health().badFrames() == 3, driver::health);

        DeviceHealth erroring = driver.health();
        assertEquals(State.ERRORING, erroring.state());
        assertEquals("bad-encoding", erroring.lastError());
        assertEquals(0, erroring.frames());
        assertTrue(reads.isEmpty(), "rejected lines must not be delivered: " + reads);

        device.write(ascii("0123456789ABCDEF\r")); // exactly the limit
        assertEquals("0123456789ABCDEF", nextRead().number());
        assertEquals(State.CONNECTED, driver.health().state());

        device.write(ascii("\r\r\r"));
        device.write(ascii("AFTER-EMPTY\r"));
        assertEquals("AFTER-EMPTY", nextRead().number());
        assertEquals(3, driver.health().badFrames(), "empty lines are not errors");
    }

    @Test
    void reopensTheLinkAfterAnUnplugAndDropsTheHalfLine() throws Exception {
        MemorySerialLink first = start(FAST);
        first.write(ascii("HALF-"));
        Await.until("the half line read", WAIT, () -> links.drained(5), driver::health);

        MemorySerialLink second = DeviceChecks.unplugAndReplug(driver, links, WAIT);
        second.write(ascii("WHOLE\r"));

        assertEquals("WHOLE", nextRead().number());
        DeviceHealth health = driver.health();
        assertEquals(State.CONNECTED, health.state());
        assertEquals(1, health.reconnects());
        assertEquals(2, links.opens());
    }

    @Test
    void keepsReadingWhenTheListenerThrows() throws Exception {
        driver = new ScannerDriver("scanner", links, clock, throwingOnFirstCall(reads::add), FAST);
        driver.start();
        MemorySerialLink device = links.nextDeviceEnd(WAIT);

        device.write(ascii("ONE\rTWO\r"));

        assertEquals("ONE", nextRead().number());
        assertEquals("TWO", nextRead().number());
        assertEquals(1, links.opens(), "a listener failure is not a link failure");
    }

    @Test
    void closeStopsTheThreadClosesTheLinkAndIsIdempotent() throws Exception {
        assertCloseIsFinalAndIdempotent(
                name -> new ScannerDriver(name, links, clock, reads::add, FAST), "scanner", links);
    }

    private MemorySerialLink start(ScannerSettings settings) throws InterruptedException {
        driver = new ScannerDriver("scanner", links, clock, reads::add, settings);
        return DeviceChecks.startAndAwaitConnected(driver, links, WAIT);
    }

    private CredentialRead nextRead() throws InterruptedException {
        return DeviceChecks.next(reads, WAIT, "read");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        return Bytes.concat(parts);
    }
}
