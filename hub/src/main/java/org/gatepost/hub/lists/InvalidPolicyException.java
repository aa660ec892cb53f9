package org.gatepost.hub.lists;

/** A policy document breaks a rule of {@code docs/mqtt.md} (Lists, policy); {@link #field()} names where. */
public final class InvalidPolicyException extends Exception {
    private final String field;

    public InvalidPolicyException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
