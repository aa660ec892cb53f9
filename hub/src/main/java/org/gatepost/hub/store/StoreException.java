package org.gatepost.hub.store;

/** The store could not do what was asked; nothing of the failed call was committed. */
public final class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
