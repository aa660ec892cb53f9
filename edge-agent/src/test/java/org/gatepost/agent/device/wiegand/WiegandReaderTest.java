package org.gatepost.agent.device.wiegand;

import static org.gatepost.agent.device.wiegand.WiegandFormatTest.FC1_CARD1;
import static org.gatepost.agent.device.wiegand.WiegandFormatTest.FC59_CARD20934;
import static org.gatepost.agent.device.wiegand.WiegandFormatTest.W34_003B51C6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.ForwardableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WiegandReaderTest {
    private static final long MS = 1_000_000L;
    private static final long INTERVAL = 2 * MS;
    private static final long TIMEOUT = 25 * MS;
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

    private final ForwardableClock clock = new ForwardableClock(START);
    private final FakeWiegandLines lines = new FakeWiegandLines();
    private final List<CredentialRead> reads = new CopyOnWriteArrayList<>();
    private WiegandReader reader = reader(reads::add);

    @AfterEach
    void closeReader() {
        reader.close();
    }

    @Test
    void deliversAW26CardAsFacilityColonCardOnceTheFrameTimesOut() {
        reader.startWithoutTimer();
        long last = lines.send(FC59_CARD20934, 0, INTERVAL);
        clock.forward(Duration.ofMillis(80));

        reader.tick(last + 24_900_000L);
        assertEquals(List.of(), reads);
        reader.tick(last + TIMEOUT);

        assertEquals(
                List.of(new CredentialRead(
                        "lane1-wiegand", CredentialRead.KIND_WIEGAND, "59:20934", START.plusMillis(80))),
                reads);
    }

    @Test
    void deliversAW34CardAsItsThirtyTwoBitNumberInDecimal() {
        reader.startWithoutTimer();
        long last = lines.send(W34_003B51C6, 0, INTERVAL);

        reader.tick(last + TIMEOUT);

        assertEquals(1, reads.size());
        assertEquals("3887558", reads.get(0).number()); // 0x003B51C6
    }

    @Test
    void countsEachBadFrameByReasonAndNeverDeliversIt() {
        reader.startWithoutTimer();
        long t = 0;
        t = frame(Bits.flip(FC59_CARD20934, 3), t); // bad-parity-even
        t = frame(Bits.flip(W34_003B51C6, 30), t); // bad-parity-odd
        t = frame("10110010", t); // short-frame (8 bits)
        t = frame(FC59_CARD20934 + "0101010101", t); // long-frame (36 bits)
        t = frame("1", t); // noise
        lines.bothLow(t);
        reader.tick(t + TIMEOUT); // noise

        assertEquals(List.of(), reads);
        assertEquals(
                Map.of("bad-parity-even", 1L, "bad-parity-odd", 1L, "short-frame", 1L, "long-frame", 1L, "noise", 2L),
                reader.badFramesByReason());
        DeviceHealth health = reader.health();
        assertEquals(6, health.badFrames());
        assertEquals(0, health.frames());
        assertEquals("noise", health.lastError());
    }

    @Test
    void isErroringAfterABadFrameUntilAGoodFrameArrives() {
        reader.startWithoutTimer();
        assertEquals(State.CONNECTED, reader.health().state());

        long t = frame(Bits.flip(FC1_CARD1, 20), 0);
        assertEquals(State.ERRORING, reader.health().state());
        assertEquals("bad-parity-odd", reader.health().lastError());

        frame(FC1_CARD1, t);
        DeviceHealth health = reader.health();
        assertEquals(State.CONNECTED, health.state());
        assertEquals(1, health.frames());
        assertEquals(1, health.badFrames());
        assertEquals(START, health.lastFrameAt());
        assertEquals("fake:d0,d1", health.port());
    }

    @Test
    void erroringWearsOffAfterTheHoldWithoutAGoodFrame() {
        reader.startWithoutTimer();
        frame("0101", 0);

        clock.forward(WiegandReader.ERROR_HOLD.minusMillis(1));
        assertEquals(State.ERRORING, reader.health().state());
        clock.forward(Duration.ofMillis(1));
        assertEquals(State.CONNECTED, reader.health().state());
    }

    @Test
    void isDisconnectedBeforeStartAndAfterCloseAndClosesTheLines() {
        assertEquals(State.DISCONNECTED, reader.health().state());
        assertEquals("not-started", reader.health().lastError());
        reader.startWithoutTimer();

        reader.close();
        reader.close();

        assertEquals(State.DISCONNECTED, reader.health().state());
        assertEquals("closed", reader.health().lastError());
        assertTrue(lines.closed());
        assertThrows(IllegalStateException.class, reader::start);
    }

    @Test
    void refusesToStartTwice() {
        reader.startWithoutTimer();

        assertThrows(IllegalStateException.class, reader::start);
    }

    @Test
    void deliversAFrameThatTheNextFramesEdgeEndedOnTheNextTickInOrder() {
        reader.startWithoutTimer();
        long last = lines.send(FC1_CARD1, 0, INTERVAL);
        last = lines.send(FC59_CARD20934, last + 30 * MS, INTERVAL); // nobody ticked in between

        reader.tick(last + TIMEOUT);

        assertEquals(
                List.of("1:1", "59:20934"),
                reads.stream().map(CredentialRead::number).toList());
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheReader() {
        reader = reader(read -> {
            reads.add(read);
            throw new IllegalStateException("listener bug");
        });
        reader.startWithoutTimer();

        long t = frame(FC1_CARD1, 0);
        frame(FC59_CARD20934, t);

        assertEquals(2, reads.size());
        assertEquals(2, reader.health().frames());
    }

    @Test
    void theTimerThreadEndsFramesByItself() {
        reader.start();
        long start = System.nanoTime() - 100 * MS; // edges stamped in the recent past, like a reader's

        lines.send(FC59_CARD20934, start, INTERVAL);

        Await.until("the timer to end the frame", Duration.ofSeconds(5), () -> reads.size() == 1);
        assertEquals("59:20934", reads.get(0).number());
    }

    @Test
    void settingsRejectATimeoutOutsideItsRangeAndATickLongerThanTheTimeout() {
        assertThrows(
                IllegalArgumentException.class, () -> new WiegandSettings(Duration.ofMillis(1), Duration.ofMillis(1)));
        assertThrows(
                IllegalArgumentException.class, () -> new WiegandSettings(Duration.ofSeconds(2), Duration.ofMillis(5)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new WiegandSettings(Duration.ofMillis(25), Duration.ofMillis(30)));
        assertThrows(IllegalArgumentException.class, () -> new WiegandSettings(Duration.ofMillis(25), Duration.ZERO));
        assertEquals(Duration.ofMillis(25), WiegandSettings.DEFAULTS.frameTimeout());
    }

    /** Sends {@code bits} starting at {@code start} and ticks past the timeout; returns a time safely after it. */
    private long frame(String bits, long start) {
        long last = lines.send(bits, start, INTERVAL);
        reader.tick(last + TIMEOUT);
        return last + 2 * TIMEOUT;
    }

    private WiegandReader reader(Consumer<CredentialRead> listener) {
        return new WiegandReader("lane1-wiegand", lines, clock, listener, WiegandSettings.DEFAULTS);
    }
}
