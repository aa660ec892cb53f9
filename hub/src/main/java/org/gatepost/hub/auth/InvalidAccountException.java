package org.gatepost.hub.auth;

/** An account request that breaks a rule (a bad name, role or password); names the field. */
public final class InvalidAccountException extends Exception {
    private final String field;

    public InvalidAccountException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
