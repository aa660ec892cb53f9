package org.gatepost.agent.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.testing.ForwardableClock;
import org.junit.jupiter.api.Test;

/** The one health tracker under each kind of rules the drivers use, on a clock the test moves. */
class HealthTrackerTest {
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private final ForwardableClock clock = new ForwardableClock(T0);

    @Test
    void aStreamingDeviceIsSilentAfterTheLimitWithoutAFrameAndErroringAsLongAfterABadOne() {
        HealthTracker h =
                new HealthTracker("thermometer", HealthTracker.Rules.streaming(Duration.ofMillis(500)), clock);
        assertEquals(new DeviceHealth("thermometer", "", State.DISCONNECTED, 0, 0, 0, "", null), h.snapshot());
        h.connected("/dev/ttyUSB0", false);
        assertEquals(State.CONNECTED, h.snapshot().state(), "silence counts from the connect");
        clock.forward(Duration.ofMillis(500));
        assertEquals(State.SILENT, h.snapshot().state());
        h.goodFrame(clock.instant());
        assertEquals(State.CONNECTED, h.snapshot().state());
        clock.forward(Duration.ofMillis(100));
        h.badFrame("bad-checksum", clock.instant());
        assertEquals(State.ERRORING, h.snapshot().state());
        clock.forward(Duration.ofMillis(499));
        assertEquals(State.ERRORING, h.snapshot().state());
        clock.forward(Duration.ofMillis(1));
        assertEquals(State.SILENT, h.snapshot().state(), "the hold is over and no good frame came for the limit");
        h.disconnected("link-lost");
        h.connected("/dev/ttyUSB1", true);
        assertEquals(
                new DeviceHealth(
                        "thermometer", "/dev/ttyUSB1", State.CONNECTED, 1, 1, 1, "link-lost", T0.plusMillis(500)),
                h.snapshot(),
                "a reconnect keeps the last error and clears the bad frame");
    }

    @Test
    void aQuietReaderIsNeverSilentAndErroringOnlyForTheHold() {
        HealthTracker h = new HealthTracker("rfid", HealthTracker.Rules.quiet(Duration.ofSeconds(2)), clock);
        h.connected("/dev/ttyS0", false);
        clock.forward(Duration.ofHours(1));
        assertEquals(State.CONNECTED, h.snapshot().state(), "an idle reader looks healthy");
        h.badFrame("bad-checksum", clock.instant());
        assertEquals(State.ERRORING, h.snapshot().state());
        clock.forward(Duration.ofSeconds(2));
        assertEquals(State.CONNECTED, h.snapshot().state());
        h.badFrame("bad-checksum", clock.instant());
        h.goodFrame(clock.instant());
        assertEquals(State.CONNECTED, h.snapshot().state(), "a good frame ends the hold at once");
    }

    @Test
    void aPolledDeviceFollowsItsLatestOutcome() {
        HealthTracker h = new HealthTracker("thermometer", HealthTracker.Rules.polled(Set.of("timeout")), clock);
        h.connected("tcp://127.0.0.1:4001", false);
        assertEquals(State.SILENT, h.snapshot().state(), "silent until the first outcome");
        assertEquals(State.SILENT, h.goodFrame(clock.instant()), "the state before the reading");
        assertEquals(State.CONNECTED, h.snapshot().state());
        assertEquals(1, h.badFrame("timeout", clock.instant()));
        assertEquals(State.SILENT, h.snapshot().state());
        clock.forward(Duration.ofDays(1));
        assertEquals(State.SILENT, h.snapshot().state(), "no hold: until the next outcome");
        h.badFrame("bad-crc", clock.instant());
        assertEquals(State.ERRORING, h.snapshot().state());
        assertEquals(2, h.badFrame("timeout", clock.instant()));
        assertEquals(Map.of("bad-crc", 1L, "timeout", 2L), h.badFramesByReason());
        h.disconnected("link-lost");
        assertEquals(State.DISCONNECTED, h.snapshot().state());
        h.connected("tcp://127.0.0.1:4001", true);
        assertEquals(State.SILENT, h.snapshot().state(), "silent again after a reconnect");
    }

    @Test
    void anErrorMarksTheStateWithoutCountingABadFrame() {
        HealthTracker h = new HealthTracker("idcard", HealthTracker.Rules.polled(Set.of()), clock);
        h.connected("/dev/ttyUSB1", false);
        h.goodFrame(clock.instant());
        h.error("select-status-81", clock.instant());
        DeviceHealth s = h.snapshot();
        assertEquals(State.ERRORING, s.state());
        assertEquals("select-status-81", s.lastError());
        assertEquals(0, s.badFrames());
        assertEquals(Map.of(), h.badFramesByReason());
    }

    @Test
    void aDeviceWithoutALinkNamesItsPortAndClearsItsErrorWhenItStartsListening() {
        HealthTracker h = new HealthTracker("wg", "gpio:5/6", HealthTracker.Rules.quiet(Duration.ofSeconds(10)), clock);
        h.disconnected("not-started");
        assertEquals(
                new DeviceHealth("wg", "gpio:5/6", State.DISCONNECTED, 0, 0, 0, "not-started", null), h.snapshot());
        h.listening();
        assertEquals(new DeviceHealth("wg", "gpio:5/6", State.CONNECTED, 0, 0, 0, "", null), h.snapshot());
        h.disconnected("closed");
        assertEquals(new DeviceHealth("wg", "gpio:5/6", State.DISCONNECTED, 0, 0, 0, "closed", null), h.snapshot());
    }
}
