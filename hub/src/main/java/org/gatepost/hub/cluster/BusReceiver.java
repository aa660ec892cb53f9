package org.gatepost.hub.cluster;

/** Hears what other instances committed, on the bus's listening thread: must return quickly and must not throw. */
public interface BusReceiver {
    /** An event another instance published. */
    void received(ClusterEvent event);

    /**
     * The bus (re)connected after a time without it, so events may have been missed: refresh whatever is derived
     * from them (dashboards, acks, lists). Also called on the first connection.
     */
    void resync();
}
