package org.gatepost.simulator.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of durations in nanoseconds. Immutable. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] nanos, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds. */
    double millis(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return sorted[sorted.length - 1] / 1e6;
    }

    int count() {
        return sorted.length;
    }
}
