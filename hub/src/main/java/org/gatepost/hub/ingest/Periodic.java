package org.gatepost.hub.ingest;

import java.time.Instant;
import org.gatepost.hub.store.StoreException;

/**
 * Work done every few seconds, driven by a clock reading rather than by sleeping, so tests call {@link #tick}
 * directly with the time they want. The hub calls it on its ingest thread, between message groups, so it never
 * races with ingest; implementations need not be thread safe and must not block for long.
 */
@FunctionalInterface
public interface Periodic {
    /** Does what is due at {@code now}; a {@link StoreException} leaves the rest for the next tick. */
    void tick(Instant now) throws StoreException;
}
