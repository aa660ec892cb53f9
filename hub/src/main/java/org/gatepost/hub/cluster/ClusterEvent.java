package org.gatepost.hub.cluster;

/**
 * What one hub instance tells the others after it committed something (a hint, like
 * {@link org.gatepost.hub.ingest.HubEvents}: the receiver reads the data from the database).
 */
public sealed interface ClusterEvent {
    /** A new entry was stored. */
    record EntryStored(String gate, String epoch, long seq) implements ClusterEvent {}

    /** Alerts of the gate were raised, resolved or acknowledged. */
    record AlertsChanged(String gate) implements ClusterEvent {}

    /** The gate's state, progress, counts or health changed. */
    record GateChanged(String gate) implements ClusterEvent {}

    /** The epoch's contiguous high-water mark after a commit (for the holder of the {@code acks} lease). */
    record Progress(String gate, String epoch, long upTo) implements ClusterEvent {}

    /** An operator changed a list for the gates (for the holder of the {@code lists} lease). */
    record ListsChanged() implements ClusterEvent {}
}
