package org.gatepost.hub.watch;

import java.time.Duration;
import java.time.Instant;
import org.gatepost.hub.ingest.Periodic;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes entries the hub received longer ago than the retention ({@code retention.entries}), at most
 * {@link #BATCH} per tick, so a first purge of a large backlog never holds the writer for long. Alerts, gates and
 * the per-epoch high-water marks are kept. A zero retention keeps everything. Not thread safe (see {@link Periodic}).
 */
public final class EntryRetention implements Periodic {
    private static final Logger log = LoggerFactory.getLogger(EntryRetention.class);
    public static final int BATCH = 500;

    private final HubStore store;
    private final Duration keep;

    /** @param keep how long to keep entries after the hub received them; {@link Duration#ZERO}: forever */
    public EntryRetention(HubStore store, Duration keep) {
        if (keep.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative: " + keep);
        }
        this.store = store;
        this.keep = keep;
    }

    @Override
    public void tick(Instant now) throws StoreException {
        if (keep.isZero()) {
            return;
        }
        Instant cutoff = now.minus(keep);
        int purged = store.transaction(tx -> tx.purgeEntriesReceivedBefore(cutoff, BATCH));
        if (purged > 0) {
            log.info("event=entries-purged count={} receivedBefore={} retentionDays={}", purged, cutoff, keep.toDays());
        }
    }
}
