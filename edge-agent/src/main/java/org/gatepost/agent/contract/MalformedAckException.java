package org.gatepost.agent.contract;

/** An {@code ack} message that is not a schema-v1 acknowledgement; {@link #reason()} is a short log token. */
public final class MalformedAckException extends MalformedMessageException {
    public MalformedAckException(String reason, String detail) {
        super(reason, detail);
    }
}
