package org.gatepost.hub.cluster;

/** A cluster bus payload that cannot be read. */
public final class MalformedBusMessageException extends Exception {
    public MalformedBusMessageException(String reason) {
        super(reason);
    }
}
