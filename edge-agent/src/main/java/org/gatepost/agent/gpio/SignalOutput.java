package org.gatepost.agent.gpio;

import java.time.Duration;

/**
 * One signalling output at the gate: a lamp, the buzzer or the gate relay. Safe for concurrent use.
 * {@link #pulse} returns at once; the output switches off by itself after the duration (a second pulse
 * while on extends it).
 */
public interface SignalOutput {
    void pulse(Duration duration);

    /** Switches off now. */
    void off();

    boolean isOn();

    /** Role name for logs: {@code green}, {@code red}, {@code buzzer}, {@code relay}. */
    String name();
}
