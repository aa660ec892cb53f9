package org.gatepost.agent.contract;

/** A {@code commands} message the gate does not act on; {@link #reason()} is a short log token. */
public final class MalformedCommandException extends MalformedMessageException {
    public MalformedCommandException(String reason, String detail) {
        super(reason, detail);
    }
}
