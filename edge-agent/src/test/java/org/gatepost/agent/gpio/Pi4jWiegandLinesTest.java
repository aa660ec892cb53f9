package org.gatepost.agent.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.wiegand.WiegandFormat;
import org.gatepost.agent.device.wiegand.WiegandLines;
import org.gatepost.agent.device.wiegand.WiegandReader;
import org.gatepost.agent.device.wiegand.WiegandSettings;
import org.gatepost.agent.testing.ForwardableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Pi4J adapter on Pi4J's mock plugin: mockState dispatches synchronously, so no waiting is needed, and the
 * edges are stamped by a fake ticker, so a busy host cannot stretch the gaps between them.
 */
class Pi4jWiegandLinesTest {
    private static final int D0_PIN = 5;
    private static final int D1_PIN = 6;
    private static final long TIMEOUT = WiegandSettings.DEFAULT_FRAME_TIMEOUT.toNanos();
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    private static final long EDGE_SPACING = 1_000_000L; // each Pi4J event 1 ms after the previous: pulses 2 ms apart

    private final Context context = Pi4jGpio.mockContext();
    private long fakeNanos = 42_000_000_000L;
    private final Pi4jWiegandLines lines =
            new Pi4jWiegandLines(context, "wiegand", D0_PIN, D1_PIN, () -> fakeNanos += EDGE_SPACING);
    private final MockDigitalInput d0 = context.io(lines.d0Id());
    private final MockDigitalInput d1 = context.io(lines.d1Id());
    private final List<String> edges = new ArrayList<>();

    @AfterEach
    void shutDown() {
        lines.close();
        if (!context.isShutdown()) {
            context.shutdown();
        }
    }

    @Test
    void createsPullUpInputsWithDebounceZeroOnTheGivenPins() {
        DigitalInput in0 = context.io("wiegand-d0");
        DigitalInput in1 = context.io("wiegand-d1");

        assertEquals(D0_PIN, in0.address().intValue());
        assertEquals(D1_PIN, in1.address().intValue());
        assertEquals(PullResistance.PULL_UP, in0.config().pull());
        assertEquals(PullResistance.PULL_UP, in1.config().pull());
        assertEquals(0L, in0.config().debounce(), "Pi4J's default 10 ms debounce would swallow 50 us pulses");
        assertEquals(0L, in1.config().debounce());
        assertEquals("gpio:d0=5,d1=6", lines.name());
    }

    @Test
    void reportsAFallingEdgeOnD0AsBitZeroAndOnD1AsBitOneButNotRisingEdges() {
        lines.listen(recorder());
        idle();

        pulse(d0);
        pulse(d1);
        pulse(d1);

        assertEquals(List.of("bit0", "bit1", "bit1"), edges);
    }

    @Test
    void reportsALineFallingWhileTheOtherIsLowAsBothLow() {
        lines.listen(recorder());
        idle();

        d0.mockState(DigitalState.LOW);
        d1.mockState(DigitalState.LOW);
        d0.mockState(DigitalState.HIGH);
        d1.mockState(DigitalState.HIGH);
        pulse(d1);

        assertEquals(List.of("bit0", "bothLow", "bit1"), edges);
    }

    @Test
    void aLineStuckLowSinceStartMakesEveryPulseOnTheOtherLineNoise() {
        lines.listen(recorder()); // the mock inputs start LOW; D0 stays there, as a shorted line would
        d1.mockState(DigitalState.HIGH);

        pulse(d1);
        pulse(d1);

        assertEquals(List.of("bothLow", "bothLow"), edges);
    }

    @Test
    void aReaderOnTheMockInputsDeliversTheCardDrivenInBitOrder() {
        List<CredentialRead> reads = new ArrayList<>();
        WiegandReader reader =
                new WiegandReader("wiegand", lines, new ForwardableClock(NOW), reads::add, WiegandSettings.DEFAULTS);
        reader.startWithoutTimer();
        idle();

        send(WiegandFormat.W26, WiegandFormat.W26.encode(59, 20934));
        long lastFall = fakeNanos - EDGE_SPACING; // the last event stamped was the final pulse's rising edge
        reader.tick(lastFall + TIMEOUT - 1);
        assertEquals(List.of(), reads, "the frame is still open 1 ns before the timeout");
        reader.tick(lastFall + TIMEOUT);
        fakeNanos += TIMEOUT;
        send(WiegandFormat.W34, WiegandFormat.W34.encode(0x003B, 0x51C6));
        reader.tick(fakeNanos + TIMEOUT);

        assertEquals(
                List.of(
                        new CredentialRead("wiegand", CredentialRead.KIND_WIEGAND, "59:20934", NOW),
                        new CredentialRead("wiegand", CredentialRead.KIND_WIEGAND, "3887558", NOW)),
                reads);
        assertEquals(2, reader.health().frames());
        reader.close();
    }

    @Test
    void closeStopsReportingAndReleasesBothInputs() {
        lines.listen(recorder());
        idle();

        lines.close();
        pulse(d0);

        assertEquals(List.of(), edges);
        assertFalse(context.hasIO("wiegand-d0"));
        assertFalse(context.hasIO("wiegand-d1"));
        assertThrows(IllegalStateException.class, () -> lines.listen(recorder()));
    }

    @Test
    void closeAfterTheContextWasShutDownDoesNotThrow() {
        context.shutdown();

        lines.close();
        assertTrue(context.isShutdown());
    }

    @Test
    void rejectsTheSamePinForBothLinesAndASecondListener() {
        assertThrows(IllegalArgumentException.class, () -> new Pi4jWiegandLines(context, "other", 12, 12));
        lines.listen(recorder());
        assertThrows(IllegalStateException.class, () -> lines.listen(recorder()));
    }

    /** Both lines to their idle level, as the pull-ups hold them on a real board. */
    private void idle() {
        d0.mockState(DigitalState.HIGH);
        d1.mockState(DigitalState.HIGH);
    }

    /** The frame's bits, first bit (the leading parity) first; the codec's own tests hold the worked bit strings. */
    private void send(WiegandFormat format, long frame) {
        for (int i = format.bits() - 1; i >= 0; i--) {
            pulse((frame >>> i & 1) == 0 ? d0 : d1);
        }
    }

    private static void pulse(MockDigitalInput line) {
        line.mockState(DigitalState.LOW);
        line.mockState(DigitalState.HIGH);
    }

    private WiegandLines.Listener recorder() {
        return new WiegandLines.Listener() {
            @Override
            public void bit(int bit, long nanos) {
                edges.add("bit" + bit);
            }

            @Override
            public void bothLow(long nanos) {
                edges.add("bothLow");
            }
        };
    }
}
