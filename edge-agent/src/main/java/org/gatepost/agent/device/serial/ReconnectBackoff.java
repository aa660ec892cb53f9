package org.gatepost.agent.device.serial;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential delay between attempts to reopen a dead link: {@code initial}, doubling per failed attempt,
 * capped at {@code max}. Immutable.
 */
public record ReconnectBackoff(Duration initial, Duration max) {
    /** 200 ms doubling to 5 s: quick after a brief glitch, gentle on a port that stays away. */
    public static final ReconnectBackoff DEFAULT = new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    public ReconnectBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max " + max + " is below initial " + initial);
        }
    }

    /** The delay before attempt {@code failures + 1}, where {@code failures} counts from 0. */
    public Duration delay(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative: " + failures);
        }
        Duration d = initial;
        for (int i = 0; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) < 0 ? d : max;
    }
}
