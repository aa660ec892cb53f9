package org.gatepost.agent.contract;

/**
 * A message from the hub that the gate does not act on; {@link #reason()} is a short log token, the message adds
 * the detail.
 */
public abstract sealed class MalformedMessageException extends Exception
        permits MalformedAckException, MalformedCommandException {
    private final String reason;

    MalformedMessageException(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
