package org.gatepost.agent.store;

/**
 * The durable store could not do what was asked (disk full, I/O error, corrupt or foreign database file).
 * Whatever the operation was, it had no effect: an append that throws consumed no sequence number.
 */
public final class StoreException extends Exception {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
