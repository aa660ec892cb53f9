package org.gatepost.agent.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * At most one WARN line per interval about a repeating problem (bad frames, rejected scans), the problems between
 * counted into the next one. Not thread safe: one driver thread counts.
 */
public final class WarnThrottle {
    private final Duration interval;
    private Instant lastWarnAt;
    private long sinceWarn;

    public WarnThrottle(Duration interval) {
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /**
     * Counts one problem at {@code now}. Returns how many were counted since the last WARN, this one included, when a
     * WARN is due now (the first problem, or {@code interval} after the last WARN) and starts counting again; else 0.
     */
    public long count(Instant now) {
        sinceWarn++;
        if (lastWarnAt != null && now.isBefore(lastWarnAt.plus(interval))) {
            return 0;
        }
        long count = sinceWarn;
        lastWarnAt = now;
        sinceWarn = 0;
        return count;
    }

    /** The interval in whole seconds, for the WARN line. */
    public long intervalSeconds() {
        return interval.toSeconds();
    }
}
