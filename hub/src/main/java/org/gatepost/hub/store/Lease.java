package org.gatepost.hub.store;

/**
 * One kind of work that runs on one hub instance at a time ({@code acks}, {@code housekeeping}, {@code lists}).
 * Thread safe; {@link #held()} is fast and never blocks, so work checks it right before each step.
 */
public interface Lease {
    String name();

    /**
     * Whether this instance holds the lease now. On PostgreSQL it turns false by itself, on this instance's
     * monotonic clock, before the lease can expire in the database when renewals fail (self-fencing), so two
     * instances never both see it true for the same lease. On SQLite always true.
     */
    boolean held();
}
