package org.gatepost.hub.auth;

/** As many password checks as the hub allows at once ({@link Accounts#MAX_CONCURRENT_CHECKS}) are running. */
public final class ChecksBusyException extends Exception {
    public ChecksBusyException() {
        super("too many password checks running");
    }
}
