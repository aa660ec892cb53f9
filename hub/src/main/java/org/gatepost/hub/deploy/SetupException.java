package org.gatepost.hub.deploy;

/** The setup could not be completed: a tool is missing or failed, or a file could not be written. */
public final class SetupException extends Exception {
    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
