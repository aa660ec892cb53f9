package org.gatepost.agent.uplink;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before attempt {@code n} (0-based) wait a uniformly random time in
 * {@code [0, min(cap, base * 2^n)]}, so a site full of gates does not reconnect in lockstep after an outage.
 * Not thread safe (it draws from the given generator).
 */
final class Backoff {
    static final Duration DEFAULT_BASE = Duration.ofMillis(500);
    static final Duration DEFAULT_CAP = Duration.ofSeconds(30);

    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;

    Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = Objects.requireNonNull(random, "random");
        if (baseMillis < 1 || capMillis < baseMillis) {
            throw new IllegalArgumentException("need 1 ms <= base <= cap: base=" + base + " cap=" + cap);
        }
    }

    /** The wait before attempt {@code attempt} (0 = the first retry). */
    Duration delay(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ceiling = Math.min(capMillis, baseMillis << shift);
        return Duration.ofMillis((long) (random.nextDouble() * (ceiling + 1)));
    }

    /** The largest wait {@link #delay} can return for {@code attempt}. */
    Duration ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        return Duration.ofMillis(Math.min(capMillis, baseMillis << shift));
    }
}
