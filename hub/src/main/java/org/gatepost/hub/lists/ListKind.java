package org.gatepost.hub.lists;

import java.util.Locale;
import java.util.Optional;

/** The lists the hub publishes to the gates ({@code docs/mqtt.md}, Lists). */
public enum ListKind {
    RESIDENTS,
    QUARANTINE,
    BLOCKED,
    BADGES,
    POLICY,
    /** The hub's pass keys and its revoked and used-up visitor passes ({@code org.gatepost.hub.pass.Passes}). */
    PASSES;

    /** The name in topics, documents and the API: {@code residents}, {@code quarantine}, … */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ListKind> ofWire(String name) {
        for (ListKind k : values()) {
            if (k.wire().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
