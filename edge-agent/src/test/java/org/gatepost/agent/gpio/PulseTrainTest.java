package org.gatepost.agent.gpio;

import static org.gatepost.agent.testing.RecordingOutput.lengths;
import static org.gatepost.agent.testing.RecordingOutput.pulses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gatepost.agent.testing.RecordingOutput;
import org.junit.jupiter.api.Test;

class PulseTrainTest {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration ON = Duration.ofMillis(150);
    private static final Duration PERIOD = Duration.ofMillis(300);
    /** The recordings' clock; the train runs on the times the test passes. */
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @Test
    void aLateTickGivesOnePulseNotABurstAndTheTrainEndsAfterItsCount() {
        RecordingOutput out = new RecordingOutput("buzzer", CLOCK);
        PulseTrain train = new PulseTrain(out, ON, PERIOD, 3);
        train.start(T0);
        assertEquals(1, pulses(out).size(), "the first at once");

        train.tick(T0.plusSeconds(5));
        assertEquals(2, pulses(out).size(), "one, however late");
        train.tick(T0.plusSeconds(5).plus(PERIOD).minusMillis(1));
        assertEquals(2, pulses(out).size(), "the next a full period after it");
        train.tick(T0.plusSeconds(5).plus(PERIOD));
        assertFalse(train.running());
        train.tick(T0.plusSeconds(60));
        assertEquals(List.of(ON, ON, ON), lengths(out));

        train.start(T0.plusSeconds(61));
        assertTrue(train.running(), "a new failure starts a new train");
    }

    @Test
    void rejectsAPulseThatDoesNotFitItsPeriod() {
        RecordingOutput out = new RecordingOutput("buzzer", CLOCK);
        assertThrows(IllegalArgumentException.class, () -> new PulseTrain(out, PERIOD, PERIOD, 3));
        assertThrows(IllegalArgumentException.class, () -> new PulseTrain(out, ON, PERIOD, 0));
    }

    @Test
    void theNotRecordedPatternIsThreeShortBeepsOnTheBuzzer() {
        RecordingOutput buzzer = new RecordingOutput("buzzer", CLOCK);
        RecordingOutput other = new RecordingOutput("buzzer", CLOCK);
        GateSignals signals = new GateSignals(other, other, buzzer, other);
        PulseTrain beeps = signals.notRecordedBeeps();
        beeps.start(T0);
        beeps.tick(T0.plus(GateSignals.NOT_RECORDED_PERIOD));
        beeps.tick(T0.plus(GateSignals.NOT_RECORDED_PERIOD.multipliedBy(2)));
        assertEquals(List.of(ON, ON, ON), lengths(buzzer));
        assertEquals(List.of(), lengths(other));
    }
}
