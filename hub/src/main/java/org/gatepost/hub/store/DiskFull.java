package org.gatepost.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The hub's disk is full: since {@code since} every write has failed with SQLite's {@code SQLITE_FULL}
 * ({@code writesRefused} of them, the last for {@code reason}). Nothing of a refused write was committed.
 */
public record DiskFull(Instant since, long writesRefused, String reason) {
    /** The kind of the alert recorded once writes resume, one per full-disk period. */
    public static final String ALERT_KIND = "hub-disk-full";
    /** The alert's {@code gate}: not a gate id ({@code Topics.GATE_ID} refuses the parentheses), the hub itself. */
    public static final String ALERT_GATE = "(hub)";

    public static final String ALERT_SEVERITY = "high";

    public DiskFull {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
    }
}
