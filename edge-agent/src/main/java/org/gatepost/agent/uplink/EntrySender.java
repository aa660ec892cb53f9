package org.gatepost.agent.uplink;

import java.util.List;
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

    /** What became of one sent message. Either method may be called more than once; only the first call counts. */
    interface Delivery {
        /** The broker acknowledged the publish (PUBACK). Not a delivery to the hub. */
        void delivered();

        /** The publish did not complete, typically because the connection dropped. */
        void failed(Throwable cause);
    }

    /** Hands one entry to the transport ({@code entries} topic) without blocking. Called from the pump thread only. */
    Outcome send(StoredEntry entry, Delivery delivery);

    /**
     * Hands several entries of consecutive seq, ascending, to the transport as one {@code batch} message without
     * blocking. Called from the pump thread only.
     */
    Outcome sendBatch(List<StoredEntry> entries, Delivery delivery);
}
