package org.gatepost.agent.device.scanner;

/**
 * A scanned line that cannot be taken as code text. {@link #reason()} is a kebab-case token for logs and
 * health ({@code bad-encoding}, {@code bad-text}); the message never contains the scanned text.
 */
public final class UnreadableScanException extends Exception {
    private final String reason;

    public UnreadableScanException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
