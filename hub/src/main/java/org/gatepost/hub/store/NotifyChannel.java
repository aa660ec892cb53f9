package org.gatepost.hub.store;

import java.time.Duration;
import java.util.List;

/**
 * One PostgreSQL notification channel shared by the hub instances on a database ({@code LISTEN}/{@code NOTIFY}).
 * A notification reaches every session listening when it is sent, including the sender's own; nothing is kept for
 * a session that is not connected. Payloads are text under {@link #MAX_PAYLOAD_BYTES} UTF-8 bytes.
 */
public interface NotifyChannel {
    /** PostgreSQL refuses payloads of 8000 bytes or more; this leaves room. */
    int MAX_PAYLOAD_BYTES = 7_900;

    /** Sends the payloads in order (blocking, on a pooled connection); each is one notification. */
    void send(List<String> payloads) throws StoreException;

    /** Opens a dedicated (not pooled) connection listening on the channel. */
    Listening listen() throws StoreException;

    /** A listening connection; used by one thread. */
    interface Listening extends AutoCloseable {
        /**
         * Waits up to {@code timeout} (≥ 1 ms) for notifications and returns their payloads, empty when none came.
         * Throws when the connection is lost; then close it and {@link #listen()} again.
         */
        List<String> poll(Duration timeout) throws StoreException;

        /** Checks the connection with a round trip to the server; throws when it is lost. */
        void check() throws StoreException;

        @Override
        void close();
    }
}
