package org.gatepost.hub.auth;

import java.util.Locale;
import java.util.Optional;

/** What an account may do on the dashboard. */
public enum Role {
    /** Watches, acknowledges and resolves alerts, manages accounts, reads the audit log. */
    OPERATOR,
    /** Looks only: every read, no state change (e.g. the street office). */
    OBSERVER;

    /** {@code operator} or {@code observer}, as stored and in the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String s) {
        for (Role r : values()) {
            if (r.wireName().equals(s)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
