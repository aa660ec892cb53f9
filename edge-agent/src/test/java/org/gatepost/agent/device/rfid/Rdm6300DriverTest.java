package org.gatepost.agent.device.rfid;

import static org.gatepost.agent.testing.DeviceChecks.assertCloseIsFinalAndIdempotent;
import static org.gatepost.agent.testing.DeviceChecks.assertOneFrameEachSideOfOneReconnect;
import static org.gatepost.agent.testing.DeviceChecks.throwingOnFirstCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.Bytes;
import org.gatepost.agent.testing.DeviceChecks;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.PluggableLinks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Rdm6300DriverTest {
    static {
        Rdm6300PrivacyTest.enableDebugLogging();
    }

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration REPEAT = Duration.ofMillis(150);
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    static final Rdm6300Settings FAST =
            Rdm6300Settings.DEFAULT.withBackoff(new ReconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20)));

    private final ForwardableClock clock = new ForwardableClock(T0);
    private final PluggableLinks links = new PluggableLinks("rfid");
    private final BlockingQueue<CredentialRead> reads = new LinkedBlockingQueue<>();
    private final Rdm6300Driver driver = new Rdm6300Driver("rfid", links, clock, reads::add, FAST);

    @AfterEach
    void stopDriver() {
        driver.close();
    }

    @Test
    void deliversTheTagIdInDecimalWithTheVersionByteDropped() throws Exception {
        MemorySerialLink device = start();

        device.write(Rdm6300Codec.encode(0x67, 0x003B51C6L));

        CredentialRead read = nextRead();
        assertEquals(new CredentialRead("rfid", CredentialRead.KIND_RFID, "3887558", T0), read);
        Await.until("the frame counted", WAIT, () -> driver.health().frames() == 1, driver::health);
        DeviceHealth health = driver.health();
        assertEquals(State.CONNECTED, health.state());
        assertEquals(T0, health.lastFrameAt());
        assertEquals("rfid-a", health.port());
    }

    @Test
    void collapsesTheFramesRepeatedWhileTheTagStaysIntoOneRead() throws Exception {
        MemorySerialLink device = start();
        byte[] frame = Rdm6300Codec.encode(0x67, 3909740);

        for (int i = 0; i < 10; i++) {
            device.write(frame);
            clock.forward(REPEAT);
            int sent = i + 1;
            Await.until(
                    "frame " + sent + " counted", WAIT, () -> driver.health().frames() == sent, driver::health);
        }

        assertEquals("3909740", nextRead().number());
        assertEquals(1, driver.reads());
        assertTrue(reads.isEmpty(), "repeats must not be delivered: " + reads);
    }

    @Test
    void theSameTagReadsAgainAfterTheRemovalSilence() throws Exception {
        MemorySerialLink device = start();
        byte[] frame = Rdm6300Codec.encode(0x67, 3909735);
        device.write(frame);
        assertEquals(T0, nextRead().at());

        clock.forward(Rdm6300Settings.DEFAULT_REMOVAL_SILENCE.minusMillis(1));
        device.write(frame);
        Await.until("the repeat counted", WAIT, () -> driver.health().frames() == 2, driver::health);
        assertEquals(1, driver.reads(), "still present 1 ms before the silence ends");

        clock.forward(Rdm6300Settings.DEFAULT_REMOVAL_SILENCE);
        device.write(frame);

        CredentialRead again = nextRead();
        assertEquals("3909735", again.number());
        assertEquals(
                T0.plus(Rdm6300Settings.DEFAULT_REMOVAL_SILENCE.multipliedBy(2)).minusMillis(1), again.at());
    }

    @Test
    void honoursAConfiguredRemovalSilence() throws Exception {
        try (Rdm6300Driver quick = new Rdm6300Driver(
                "rfid-quick", links, clock, reads::add, FAST.withRemovalSilence(Duration.ofMillis(220)))) {
            quick.start();
            MemorySerialLink device = links.nextDeviceEnd(WAIT);
            byte[] frame = Rdm6300Codec.encode(0x67, 3887558);

            device.write(frame);
            nextRead();
            clock.forward(Duration.ofMillis(220));
            device.write(frame);

            assertEquals("3887558", nextRead().number());
            assertEquals(2, quick.reads());
        }
    }

    @Test
    void anotherTagIsReadAtOnceEvenWithinTheSilence() throws Exception {
        MemorySerialLink device = start();

        device.write(Rdm6300Codec.encode(0x67, 3909740));
        device.write(Rdm6300Codec.encode(0x67, 3909735));
        device.write(Rdm6300Codec.encode(0x67, 3909740));

        assertEquals("3909740", nextRead().number());
        assertEquals("3909735", nextRead().number());
        assertEquals("3909740", nextRead().number());
    }

    @Test
    void countsMalformedFramesWithoutDeliveringThemAndReportsErroring() throws Exception {
        MemorySerialLink device = start();
        byte[] corrupt = Rdm6300Codec.encode(0x67, 3887558);
        corrupt[12] = 'C';

        device.write(corrupt);
        device.write(Bytes.of(0x00, 0x13, 0x37));
        device.write(Arrays.copyOf(Rdm6300Codec.encode(0x67, 3909740), 7));
        device.write(Bytes.of(0x0D));
        Await.until("three bad frames", WAIT, () -> driver.health().badFrames() == 3, driver::health);

        DeviceHealth erroring = driver.health();
        assertEquals(State.ERRORING, erroring.state());
        assertEquals("bad-hex", erroring.lastError()); // the truncated frame ran into the 0D
        assertEquals(0, erroring.frames());
        assertTrue(reads.isEmpty(), "bad frames must not be delivered: " + reads);

        device.write(Rdm6300Codec.encode(0x67, 3909735));
        assertEquals("3909735", nextRead().number());
        assertEquals(State.CONNECTED, driver.health().state());
        assertEquals(3, driver.health().badFrames());
    }

    @Test
    void erroringFadesAfterTheErrorHoldWithoutAGoodFrame() throws Exception {
        MemorySerialLink device = start();
        device.write(Bytes.of(0x55));
        Await.until("the garbage counted", WAIT, () -> driver.health().badFrames() == 1, driver::health);
        assertEquals(State.ERRORING, driver.health().state());

        clock.forward(Rdm6300Settings.DEFAULT_ERROR_HOLD);

        assertEquals(State.CONNECTED, driver.health().state());
        assertEquals("bad-stx", driver.health().lastError());
    }

    @Test
    void reopensTheLinkAfterAnUnplugAndReadsAgain() throws Exception {
        MemorySerialLink first = start();
        first.write(Rdm6300Codec.encode(0x67, 3909740));
        nextRead();

        MemorySerialLink second = DeviceChecks.unplugAndReplug(driver, links, WAIT);
        Await.until("CONNECTED again", WAIT, () -> driver.health().state() == State.CONNECTED, driver::health);

        clock.forward(Rdm6300Settings.DEFAULT_REMOVAL_SILENCE);
        second.write(Rdm6300Codec.encode(0x67, 3909740));
        assertEquals("3909740", nextRead().number());
        assertOneFrameEachSideOfOneReconnect(driver, links);
    }

    @Test
    void retriesOpeningUntilThePortAppears() throws Exception {
        MemorySerialLink device = DeviceChecks.startUnpluggedUntilAnOpenFails(driver, links, WAIT);
        device.write(Rdm6300Codec.encode(0x67, 3887558));

        assertEquals("3887558", nextRead().number());
        assertEquals(0, driver.health().reconnects(), "a first connection is not a reconnect");
    }

    @Test
    void keepsReadingWhenTheListenerThrows() throws Exception {
        try (Rdm6300Driver flaky =
                new Rdm6300Driver("rfid-flaky", links, clock, throwingOnFirstCall(reads::add), FAST)) {
            flaky.start();
            MemorySerialLink device = links.nextDeviceEnd(WAIT);

            device.write(Rdm6300Codec.encode(0x67, 1));
            device.write(Rdm6300Codec.encode(0x67, 2));

            assertEquals("1", nextRead().number());
            assertEquals("2", nextRead().number());
            assertEquals(1, links.opens(), "a listener failure is not a link failure");
        }
    }

    @Test
    void closeStopsTheThreadClosesTheLinkAndIsIdempotent() throws Exception {
        assertCloseIsFinalAndIdempotent(name -> new Rdm6300Driver(name, links, clock, reads::add, FAST), "rfid", links);
    }

    @Test
    void reportsDisconnectedBeforeStart() {
        DeviceHealth health = driver.health();

        assertEquals(State.DISCONNECTED, health.state());
        assertNull(health.lastFrameAt());
        assertEquals(0, health.frames());
    }

    @Test
    void settingsRejectNonPositiveDurations() {
        assertThrows(IllegalArgumentException.class, () -> FAST.withRemovalSilence(Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Rdm6300Settings(Duration.ofMillis(500), Duration.ofMillis(-1), FAST.backoff()));
    }

    private MemorySerialLink start() throws InterruptedException {
        return DeviceChecks.startAndAwaitConnected(driver, links, WAIT);
    }

    private CredentialRead nextRead() throws InterruptedException {
        return DeviceChecks.next(reads, WAIT, "read");
    }
}
