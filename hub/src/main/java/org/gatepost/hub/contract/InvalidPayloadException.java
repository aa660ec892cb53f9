package org.gatepost.hub.contract;

/** A message that does not follow the v1 contract; the reason is short, stable and safe to log and store. */
public final class InvalidPayloadException extends Exception {
    public InvalidPayloadException(String reason) {
        super(reason);
    }
}
