package org.gatepost.agent.uplink;

import org.gatepost.agent.store.StoredEntry;

/** The transport under {@link OutboxPump}: the MQTT client in production, a recording fake in tests. */
interface EntrySender {

    enum Outcome {
        /** Handed to the transport; {@code delivery} will be told how it went. */
        SENT,
        /** The transport's own window is full; try again later. Nothing was sent. */
        BUSY,
        /** Not connected; nothing was sent. */
        NOT_CONNECTED
    }

    /** What became of one sent entry. Either method may be called more than once; only the first call counts. */
    interface Delivery {
        /** The broker acknowledged the publish (PUBACK). Not a delivery to the hub. */
        void delivered();

        /** The publish did not complete, typically because the connection dropped. */
        void failed(Throwable cause);
    }

    /** Hands one entry to the transport without blocking. Called from the pump thread only. */
    Outcome send(StoredEntry entry, Delivery delivery);
}
