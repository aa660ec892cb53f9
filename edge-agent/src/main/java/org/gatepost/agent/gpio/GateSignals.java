package org.gatepost.agent.gpio;

import java.util.Objects;

/** The gate's outputs. */
public record GateSignals(SignalOutput green, SignalOutput red, SignalOutput buzzer, SignalOutput relay) {
    public GateSignals {
        Objects.requireNonNull(green, "green");
        Objects.requireNonNull(red, "red");
        Objects.requireNonNull(buzzer, "buzzer");
        Objects.requireNonNull(relay, "relay");
    }

    public void allOff() {
        green.off();
        red.off();
        buzzer.off();
        relay.off();
    }
}
