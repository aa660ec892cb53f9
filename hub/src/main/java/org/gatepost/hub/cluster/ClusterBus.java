package org.gatepost.hub.cluster;

/**
 * Tells the other hub instances on the database what this one committed. {@link #publish} never blocks and never
 * throws (events are hints: one lost while the database is away is made good by {@link BusReceiver#resync()} on the
 * receiving side). On SQLite there are no other instances: {@link #NONE}.
 */
public interface ClusterBus extends AutoCloseable {
    ClusterBus NONE = new ClusterBus() {
        @Override
        public void publish(ClusterEvent event) {}

        @Override
        public void start() {}

        @Override
        public void close() {}
    };

    /** Sends {@code event} to the other instances soon; call only after the commit it tells of. */
    void publish(ClusterEvent event);

    /** Starts listening (and sending); returns at once. */
    void start();

    @Override
    void close();
}
