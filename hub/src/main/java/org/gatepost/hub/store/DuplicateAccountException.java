package org.gatepost.hub.store;

/** An account of that name exists already; nothing was written. */
public final class DuplicateAccountException extends Exception {
    public DuplicateAccountException(String name) {
        super("account '" + name + "' exists already");
    }
}
