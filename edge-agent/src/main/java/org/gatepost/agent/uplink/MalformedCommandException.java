package org.gatepost.agent.uplink;

/** A {@code commands} message the gate does not act on; {@link #reason()} is a short log token. */
public final class MalformedCommandException extends Exception {
    private final String reason;

    public MalformedCommandException(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
