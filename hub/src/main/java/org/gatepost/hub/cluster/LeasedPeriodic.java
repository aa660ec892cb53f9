package org.gatepost.hub.cluster;

import java.time.Instant;
import org.gatepost.hub.ingest.Periodic;
import org.gatepost.hub.store.Lease;
import org.gatepost.hub.store.StoreException;

/** Runs {@code work} on a tick only while this instance holds {@code lease}; same threading as {@link Periodic}. */
public final class LeasedPeriodic implements Periodic {
    private final Lease lease;
    private final Periodic work;

    public LeasedPeriodic(Lease lease, Periodic work) {
        this.lease = lease;
        this.work = work;
    }

    @Override
    public void tick(Instant now) throws StoreException {
        if (lease.held()) {
            work.tick(now);
        }
    }
}
