package org.gatepost.agent.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PulseTrainTest {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration ON = Duration.ofMillis(150);
    private static final Duration PERIOD = Duration.ofMillis(300);

    /** Records the time of each pulse as the test tells it. */
    private static final class Recording implements SignalOutput {
        final List<Duration> pulses = new ArrayList<>();

        @Override
        public void pulse(Duration duration) {
            pulses.add(duration);
        }

        @Override
        public void off() {}

        @Override
        public boolean isOn() {
            return false;
        }

        @Override
        public String name() {
            return "buzzer";
        }
    }

    @Test
    void aLateTickGivesOnePulseNotABurstAndTheTrainEndsAfterItsCount() {
        Recording out = new Recording();
        PulseTrain train = new PulseTrain(out, ON, PERIOD, 3);
        train.start(T0);
        assertEquals(1, out.pulses.size(), "the first at once");

        train.tick(T0.plusSeconds(5));
        assertEquals(2, out.pulses.size(), "one, however late");
        train.tick(T0.plusSeconds(5).plus(PERIOD).minusMillis(1));
        assertEquals(2, out.pulses.size(), "the next a full period after it");
        train.tick(T0.plusSeconds(5).plus(PERIOD));
        assertFalse(train.running());
        train.tick(T0.plusSeconds(60));
        assertEquals(List.of(ON, ON, ON), out.pulses);

        train.start(T0.plusSeconds(61));
        assertTrue(train.running(), "a new failure starts a new train");
    }

    @Test
    void rejectsAPulseThatDoesNotFitItsPeriod() {
        Recording out = new Recording();
        assertThrows(IllegalArgumentException.class, () -> new PulseTrain(out, PERIOD, PERIOD, 3));
        assertThrows(IllegalArgumentException.class, () -> new PulseTrain(out, ON, PERIOD, 0));
    }

    @Test
    void theNotRecordedPatternIsThreeShortBeepsOnTheBuzzer() {
        Recording buzzer = new Recording();
        Recording other = new Recording();
        GateSignals signals = new GateSignals(other, other, buzzer, other);
        PulseTrain beeps = signals.notRecordedBeeps();
        beeps.start(T0);
        beeps.tick(T0.plus(GateSignals.NOT_RECORDED_PERIOD));
        beeps.tick(T0.plus(GateSignals.NOT_RECORDED_PERIOD.multipliedBy(2)));
        assertEquals(List.of(ON, ON, ON), buzzer.pulses);
        assertEquals(List.of(), other.pulses);
    }
}
