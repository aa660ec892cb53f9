package org.gatepost.hub.store;

import java.util.Locale;
import java.util.Optional;

/** Alert filters by handling state. */
public enum AlertState {
    /** Neither acknowledged nor resolved: needs someone. */
    OPEN("resolved_at IS NULL AND acknowledged_at IS NULL"),
    /** Acknowledged, not resolved yet. */
    ACKNOWLEDGED("resolved_at IS NULL AND acknowledged_at IS NOT NULL"),
    /** Not resolved: open or acknowledged. */
    ACTIVE("resolved_at IS NULL"),
    RESOLVED("resolved_at IS NOT NULL");

    final String sql;

    AlertState(String sql) {
        this.sql = sql;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertState> parse(String s) {
        for (AlertState st : values()) {
            if (st.wireName().equals(s)) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }
}
