package org.gatepost.hub.lists;

/** A whole file or request cannot be imported (not a row's problem: those go into the report). */
public final class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }
}
