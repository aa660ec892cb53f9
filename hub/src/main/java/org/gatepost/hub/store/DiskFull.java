package org.gatepost.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The hub's disk is full: since {@code since} every write has failed with SQLite's {@code SQLITE_FULL}
 * ({@code writesRefused} of them, the last for {@code reason}). Nothing of a refused write was committed. Once
 * writes resume the period is recorded as one {@link AlertKind#HUB_DISK_FULL} alert of {@link Severity#HIGH}.
 */
public record DiskFull(Instant since, long writesRefused, String reason) {
    /** The alert's {@code gate}: not a gate id ({@code Topics.GATE_ID} refuses the parentheses), the hub itself. */
    public static final String ALERT_GATE = "(hub)";

    public DiskFull {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
    }
}
