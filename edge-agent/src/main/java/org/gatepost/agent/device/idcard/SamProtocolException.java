package org.gatepost.agent.device.idcard;

/**
 * A SAM exchange or a card's content was not usable. {@link #reason()} is a short kebab-case token for logs
 * and counters ({@code timeout}, {@code bad-checksum}, {@code read-failed}, {@code bad-check-digit}, ...).
 * The message never contains card data.
 */
public final class SamProtocolException extends Exception {
    private final String reason;

    public SamProtocolException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
