package org.gatepost.hub.web;

/** A query parameter the API cannot accept; answered with HTTP 400 naming the parameter. */
final class BadRequestException extends Exception {
    private final String parameter;

    BadRequestException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
