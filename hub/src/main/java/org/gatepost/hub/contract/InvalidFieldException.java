package org.gatepost.hub.contract;

/**
 * A request or document that breaks a rule, naming the field it is about; the message is {@code field: problem}.
 * Each subclass says whose rules (accounts, policy, visitor passes).
 */
public abstract class InvalidFieldException extends Exception {
    private final String field;

    protected InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The field the problem is about. */
    public String field() {
        return field;
    }
}
