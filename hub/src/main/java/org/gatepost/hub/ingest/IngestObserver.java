package org.gatepost.hub.ingest;

import java.time.Duration;

/**
 * Told how ingest goes, for the metrics (docs/metrics.md). Called on the ingest thread, so implementations must be
 * fast and must not throw; {@link #NONE} ignores everything.
 */
public interface IngestObserver {
    IngestObserver NONE = new IngestObserver() {};

    /** One store transaction of a group took {@code took}; {@code committed} false: it failed (and is retried). */
    default void transaction(Duration took, boolean committed) {}

    /** A message of {@code lane} was committed {@code lag} after the hub received it from the broker. */
    default void committed(IngestLanes.Lane lane, Duration lag) {}
}
