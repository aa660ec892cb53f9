package org.gatepost.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** nextDouble() = (nextLong() >>> 11) * 2^-53, so these give exactly 0 and just under 1. */
    private static final RandomGenerator LOWEST = () -> 0L;

    private static final RandomGenerator HIGHEST = () -> -1L;

    @Test
    void ceilingDoublesFromHalfASecondUpToThirtySeconds() {
        Backoff b = new Backoff(Backoff.DEFAULT_BASE, Backoff.DEFAULT_CAP, HIGHEST);
        long[] expected = {500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
        for (int attempt = 0; attempt < expected.length; attempt++) {
            assertEquals(expected[attempt], b.ceiling(attempt).toMillis(), "attempt " + attempt);
            assertEquals(expected[attempt], b.delay(attempt).toMillis(), "highest draw, attempt " + attempt);
        }
        assertEquals(30_000, b.ceiling(1_000).toMillis(), "no overflow for huge attempt numbers");
    }

    @Test
    void lowestDrawRetriesAtOnce() {
        Backoff b = new Backoff(Backoff.DEFAULT_BASE, Backoff.DEFAULT_CAP, LOWEST);
        assertEquals(Duration.ZERO, b.delay(5));
    }

    @Test
    void delaysAreJitteredOverTheWholeRange() {
        Backoff b = new Backoff(Backoff.DEFAULT_BASE, Backoff.DEFAULT_CAP, new SplittableRandom(42));
        Set<Long> seen = new HashSet<>();
        long below = 0;
        for (int i = 0; i < 1_000; i++) {
            long d = b.delay(3).toMillis();
            assertTrue(d >= 0 && d <= 4_000, "delay " + d);
            seen.add(d);
            if (d < 2_000) {
                below++;
            }
        }
        assertTrue(seen.size() > 500, "distinct delays " + seen.size());
        assertTrue(below > 400 && below < 600, "about half below the middle: " + below);
    }
}
