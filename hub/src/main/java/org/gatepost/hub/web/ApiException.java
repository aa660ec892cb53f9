package org.gatepost.hub.web;

/**
 * A request the API refuses, answered with {@code status} and {@code {"error": message}} (plus {@code "field"}
 * naming a request body field when given).
 */
final class ApiException extends Exception {
    private final int status;
    private final String field;

    ApiException(int status, String message) {
        this(status, message, null);
    }

    ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    int status() {
        return status;
    }

    /** The request body field at fault, or null. */
    String field() {
        return field;
    }
}
