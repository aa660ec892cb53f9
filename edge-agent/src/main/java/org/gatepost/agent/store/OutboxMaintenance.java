package org.gatepost.agent.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the outbox small: each {@link #tick} deletes acknowledged entries whose acknowledgement is older than
 * {@code store.retention}, {@value #PURGE_BATCH} rows per transaction and at most {@value #MAX_BATCHES_PER_TICK}
 * transactions per tick, then returns up to {@value #RECLAIM_PAGES} free pages to the file system. It never
 * rewrites the whole file (no {@code VACUUM}) and never touches an unacknowledged entry. It also warns once
 * when the files grow past {@value #WARN_PCT}% of {@code store.budget}.
 *
 * <p>Call {@link #tick} periodically (about once a minute) from one thread; it blocks on disk I/O for a few
 * short transactions, between which the checkpoint can append. Failures are logged and retried next tick.
 */
public final class OutboxMaintenance {
    private static final Logger log = LoggerFactory.getLogger(OutboxMaintenance.class);
    public static final int PURGE_BATCH = 500;
    static final int MAX_BATCHES_PER_TICK = 20;
    static final int RECLAIM_PAGES = 1_000;
    static final int WARN_PCT = 80;

    private final SqliteEntryStore store;
    private final Duration retention;
    private final long budgetBytes;
    private boolean overBudgetWarned;

    /**
     * @param retention   how long an acknowledged entry is kept after its acknowledgement, for resend requests
     * @param budgetBytes the storage budget the heartbeat reports against
     */
    public OutboxMaintenance(SqliteEntryStore store, Duration retention, long budgetBytes) {
        this.store = Objects.requireNonNull(store, "store");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative: " + retention);
        }
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("budgetBytes must be positive: " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
    }

    /** One round of housekeeping at {@code now}; returns the number of entries deleted. Never throws. */
    public int tick(Instant now) {
        Instant cutoff = now.minus(retention);
        int purged = 0;
        try {
            for (int i = 0; i < MAX_BATCHES_PER_TICK; i++) {
                int n = store.purgeAcknowledged(cutoff, PURGE_BATCH);
                purged += n;
                if (n < PURGE_BATCH) {
                    break;
                }
            }
            long freePages = store.reclaimFreePages(RECLAIM_PAGES);
            if (purged > 0) {
                log.info(
                        "event=store-purged rows={} ackedBefore={} freePagesLeft={} bytes={}",
                        purged,
                        cutoff,
                        freePages,
                        store.sizeBytes());
            }
        } catch (StoreException e) {
            log.warn("event=store-maintenance-failed purgedSoFar={} cause=\"{}\"", purged, e.getMessage());
        }
        checkBudget();
        return purged;
    }

    private void checkBudget() {
        long bytes = store.sizeBytes();
        boolean over = bytes * 100 >= budgetBytes * WARN_PCT;
        if (over && !overBudgetWarned) {
            log.warn(
                    "event=store-near-budget bytes={} budgetBytes={} backlog={}",
                    bytes,
                    budgetBytes,
                    store.unackedCount());
        }
        overBudgetWarned = over;
    }
}
