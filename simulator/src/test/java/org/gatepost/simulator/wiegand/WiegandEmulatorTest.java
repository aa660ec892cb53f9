package org.gatepost.simulator.wiegand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.util.List;
import org.gatepost.agent.device.wiegand.WiegandFormat;
import org.gatepost.agent.device.wiegand.WiegandFrame;
import org.gatepost.agent.gpio.Pi4jGpio;
import org.gatepost.simulator.wiegand.PulseRecorder.Pulse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulator's pulses as seen through Pi4J listeners on the mock inputs: shape, order and timing. */
class WiegandEmulatorTest {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    /** FC 59 / card 20934 as W26, from the reference notes. */
    private static final String FC59_CARD20934 = "10011101101010001110001100";

    private final Context context = Pi4jGpio.mockContext();
    private final DigitalInput d0 = input("wg-d0", 5);
    private final DigitalInput d1 = input("wg-d1", 6);
    private final WiegandEmulator emulator =
            WiegandEmulator.on(context, "wg-d0", "wg-d1", WiegandEmulator.Timing.DEFAULT);
    private final PulseRecorder recorder = new PulseRecorder(d0, d1);

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    @Test
    void sendsTheWorkedW26FrameAsFiftyMicrosecondPulsesTwoMillisecondsApart() throws InterruptedException {
        emulator.present(WiegandFormat.W26, 59, 20934);

        assertEquals(FC59_CARD20934, recorder.bits());
        List<Pulse> pulses = recorder.pulses();
        for (int i = 0; i < pulses.size(); i++) {
            assertTrue(
                    pulses.get(i).widthNanos() >= 50 * US,
                    "pulse " + i + " is at least 50 us: " + pulses.get(i).widthNanos());
            if (i > 0) {
                long interval = pulses.get(i).startNanos() - pulses.get(i - 1).startNanos();
                assertTrue(interval >= 2 * MS, "pulse " + i + " starts 2 ms after the previous: " + interval);
            }
        }
        assertIdle();
        assertEquals(1, emulator.framesSent());
        assertEquals(26, emulator.pulsesSent());
    }

    @Test
    void sendsAW34FrameBitForBitAsTheAgentEncodesIt() throws InterruptedException {
        emulator.present(WiegandFormat.W34, 0x003B, 0x51C6);

        assertEquals("1" + "0000000000111011" + "0101000111000110" + "0", recorder.bits());
    }

    @Test
    void aFlippedParityFaultInvertsExactlyThatBit() throws InterruptedException {
        emulator.present(WiegandFormat.W26, 59, 20934, WiegandFault.flipLeadingParity());
        assertEquals("0" + FC59_CARD20934.substring(1), recorder.bits());
        recorder.clear();

        emulator.present(WiegandFormat.W26, 59, 20934, WiegandFault.flipTrailingParity(WiegandFormat.W26));
        assertEquals(FC59_CARD20934.substring(0, 25) + "1", recorder.bits());
    }

    @Test
    void aTruncatedFrameStopsAfterTheGivenBitsAndLeavesTheLinesIdle() throws InterruptedException {
        emulator.present(WiegandFormat.W26, 59, 20934, new WiegandFault.Truncate(10));

        assertEquals(FC59_CARD20934.substring(0, 10), recorder.bits());
        assertIdle();
    }

    @Test
    void aGapFaultPausesAfterTheGivenBitThenSendsTheRest() throws InterruptedException {
        emulator.present(WiegandFormat.W26, 59, 20934, new WiegandFault.GapAfter(13, Duration.ofMillis(40)));

        assertEquals(FC59_CARD20934, recorder.bits(), "no bit is lost, only delayed");
        List<Pulse> pulses = recorder.pulses();
        assertTrue(pulses.get(13).startNanos() - pulses.get(12).startNanos() >= 40 * MS);
    }

    @Test
    void aSpuriousPulseIsOneLonePulseOnTheChosenLine() throws InterruptedException {
        emulator.spuriousPulse(1);

        assertEquals("1", recorder.bits());
        assertIdle();
        assertEquals(0, emulator.framesSent());
    }

    @Test
    void waitsTheFrameGapAfterEachFrame() throws InterruptedException {
        emulator.present(WiegandFormat.W26, 1, 1);
        long lastOfFirst = recorder.pulses().getLast().startNanos();
        emulator.present(WiegandFormat.W26, 1, 1);

        long firstOfSecond = recorder.pulses().get(26).startNanos();
        assertTrue(firstOfSecond - lastOfFirst >= 60 * MS, "gap " + (firstOfSecond - lastOfFirst));
    }

    @Test
    void rejectsFaultsOutsideTheFrameAndTimingsOutsideTheirRanges() {
        assertThrows(
                IllegalArgumentException.class,
                () -> emulator.present(WiegandFormat.W26, 1, 1, new WiegandFault.FlipBit(27)));
        assertThrows(
                IllegalArgumentException.class,
                () -> emulator.present(WiegandFormat.W26, 1, 1, new WiegandFault.GapAfter(26, Duration.ofMillis(40))));
        assertThrows(IllegalArgumentException.class, () -> emulator.spuriousPulse(2));
        assertThrows(
                IllegalArgumentException.class,
                () -> new WiegandEmulator.Timing(Duration.ofMillis(3), Duration.ofMillis(2), Duration.ofMillis(60)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new WiegandEmulator.Timing(Duration.ofNanos(50_000), Duration.ofMillis(2), Duration.ofMillis(1)));
        assertEquals("", recorder.bits());
    }

    @Test
    void framesFromTwoThreadsNeverInterleave() throws Exception {
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                emulator.present(WiegandFormat.W26, 1, 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        emulator.present(WiegandFormat.W26, 59, 20934);
        other.join(Duration.ofSeconds(5));

        String fc1 = new WiegandFrame(WiegandFormat.W26, 1, 1).bitString();
        String bits = recorder.bits();
        assertTrue(bits.equals(fc1 + FC59_CARD20934) || bits.equals(FC59_CARD20934 + fc1), bits);
    }

    private void assertIdle() {
        assertEquals(DigitalState.HIGH, d0.state());
        assertEquals(DigitalState.HIGH, d1.state());
    }

    private DigitalInput input(String id, int pin) {
        return context.create(
                DigitalInput.newConfigBuilder(context).id(id).address(pin).debounce(0L));
    }
}
