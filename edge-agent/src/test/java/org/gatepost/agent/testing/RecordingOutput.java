package org.gatepost.agent.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.gpio.SignalOutput;

/** A {@link SignalOutput} that records each pulse with the clock's time; it never switches off by itself. */
public final class RecordingOutput implements SignalOutput {
    public record Pulse(Instant at, Duration length) {}

    private final String name;
    private final Clock clock;
    private final List<Pulse> pulses = new CopyOnWriteArrayList<>();

    public RecordingOutput(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    /** Green, red, buzzer and relay, each recording. */
    public static GateSignals signals(Clock clock) {
        return new GateSignals(
                new RecordingOutput("green", clock),
                new RecordingOutput("red", clock),
                new RecordingOutput("buzzer", clock),
                new RecordingOutput("relay", clock));
    }

    /** The pulses {@code output}, a recording one, was given so far, oldest first. */
    public static List<Pulse> pulses(SignalOutput output) {
        return List.copyOf(((RecordingOutput) output).pulses);
    }

    /** The length of each pulse {@code output}, a recording one, was given so far, oldest first. */
    public static List<Duration> lengths(SignalOutput output) {
        return pulses(output).stream().map(Pulse::length).toList();
    }

    @Override
    public void pulse(Duration duration) {
        pulses.add(new Pulse(clock.instant(), duration));
    }

    @Override
    public void off() {}

    @Override
    public boolean isOn() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }
}
