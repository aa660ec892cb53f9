package org.gatepost.hub.web;

/** A request without a live session: 401 JSON for the API, a redirect to the login page for pages. */
final class NotSignedInException extends Exception {
    NotSignedInException() {
        super("not signed in, or the session expired");
    }
}
