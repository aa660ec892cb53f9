package org.gatepost.agent.gpio;

import java.time.Duration;
import java.util.Objects;

/** The gate's outputs. */
public record GateSignals(SignalOutput green, SignalOutput red, SignalOutput buzzer, SignalOutput relay) {
    public GateSignals {
        Objects.requireNonNull(green, "green");
        Objects.requireNonNull(red, "red");
        Objects.requireNonNull(buzzer, "buzzer");
        Objects.requireNonNull(relay, "relay");
    }

    /** "Not recorded" beeps: three short buzzer pulses (150 ms every 300 ms), unlike a fever's one long buzz. */
    public static final Duration NOT_RECORDED_BEEP = Duration.ofMillis(150);

    public static final Duration NOT_RECORDED_PERIOD = Duration.ofMillis(300);
    public static final int NOT_RECORDED_BEEPS = 3;

    /** A new train of the "not recorded" beeps on the buzzer; the caller starts and ticks it. */
    public PulseTrain notRecordedBeeps() {
        return new PulseTrain(buzzer, NOT_RECORDED_BEEP, NOT_RECORDED_PERIOD, NOT_RECORDED_BEEPS);
    }

    public void allOff() {
        green.off();
        red.off();
        buzzer.off();
        relay.off();
    }
}
