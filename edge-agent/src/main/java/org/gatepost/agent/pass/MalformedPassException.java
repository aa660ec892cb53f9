package org.gatepost.agent.pass;

/** A scanned text that starts like a pass but is not one; the message names the part, never the content. */
public final class MalformedPassException extends Exception {
    public MalformedPassException(String reason) {
        super(reason);
    }
}
