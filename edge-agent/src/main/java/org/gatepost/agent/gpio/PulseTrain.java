package org.gatepost.agent.gpio;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A short series of pulses on one output, such as three short beeps. {@link #start} gives the first pulse at
 * once; {@link #tick} gives each further one when its time has come, so it is driven by a periodic ticker
 * (the checkpoint's, every 50 ms) or, in tests, by a forwarded clock. A late tick gives one pulse, never a
 * burst. Thread safe.
 */
public final class PulseTrain {
    private final SignalOutput output;
    private final Duration on;
    private final Duration period;
    private final int count;
    private int remaining;
    private Instant nextAt;

    /**
     * @param on     how long each pulse lasts
     * @param period from the start of one pulse to the start of the next; longer than {@code on}
     * @param count  pulses per train, at least 1
     */
    public PulseTrain(SignalOutput output, Duration on, Duration period, int count) {
        this.output = Objects.requireNonNull(output, "output");
        this.on = Objects.requireNonNull(on, "on");
        this.period = Objects.requireNonNull(period, "period");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (!on.isPositive() || period.compareTo(on) <= 0) {
            throw new IllegalArgumentException("need 0 < on < period: on=" + on + " period=" + period);
        }
        this.count = count;
    }

    /** Starts the train (again, if it was running): the first pulse now. */
    public synchronized void start(Instant now) {
        remaining = count;
        nextAt = now;
        tick(now);
    }

    /** Gives the next pulse if it is due. */
    public synchronized void tick(Instant now) {
        if (remaining == 0 || now.isBefore(nextAt)) {
            return;
        }
        output.pulse(on);
        remaining--;
        nextAt = now.plus(period);
    }

    /** Whether pulses are still to come. */
    public synchronized boolean running() {
        return remaining > 0;
    }
}
