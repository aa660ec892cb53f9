package org.gatepost.hub.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Entry filters; empty ones do not filter. {@code from} (inclusive) and {@code to} (exclusive) are on the hub's
 * {@code received_at}. {@code maskedPart} matches anywhere in the masked credential ({@code 0014},
 * {@code 440524********0014}), ignoring case (an {@code X} check digit); it must not contain SQL wildcards ({@code %}, {@code _}).
 */
public record EntryQuery(Optional<String> gate, Optional<Instant> from, Optional<Instant> to,
                         Optional<String> decision, Optional<String> maskedPart) {
    public static final EntryQuery ALL = new EntryQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public EntryQuery {
        if (maskedPart.filter(m -> m.contains("%") || m.contains("_")).isPresent()) {
            throw new IllegalArgumentException("maskedPart must not contain % or _");
        }
    }

    Where where() {
        Where w = new Where().eq("gate", gate).atOrAfter("received_at", from).before("received_at", to)
                .eq("decision", decision);
        // UPPER on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not (for ASCII).
        maskedPart.ifPresent(m -> w.add("UPPER(credential_masked) LIKE UPPER(?)", "%" + m + "%"));
        return w;
    }
}
