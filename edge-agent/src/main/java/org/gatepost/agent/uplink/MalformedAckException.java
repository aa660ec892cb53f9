package org.gatepost.agent.uplink;

/** An {@code ack} message that is not a schema-v1 acknowledgement; {@link #reason()} is a short log token. */
public final class MalformedAckException extends Exception {
    private final String reason;

    public MalformedAckException(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
