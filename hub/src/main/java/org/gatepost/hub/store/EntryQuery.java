package org.gatepost.hub.store;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Entry filters; empty ones do not filter. {@code from} (inclusive) and {@code to} (exclusive) are on the hub's
 * {@code received_at}. {@code maskedPart} matches anywhere in the masked credential ({@code 0014},
 * {@code 440524********0014}), ignoring case (an {@code X} check digit); it must not contain SQL wildcards ({@code %}, {@code _}).
 * {@code credentialHashes}, when present, keeps the entries whose credential hash is one of them (a person traced
 * through the residents list); present and empty matches nothing. At most {@value #MAX_HASHES} hashes.
 */
public record EntryQuery(
        Optional<String> gate,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> decision,
        Optional<String> maskedPart,
        Optional<List<String>> credentialHashes) {
    public static final int MAX_HASHES = 100;
    public static final EntryQuery ALL =
            new EntryQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public EntryQuery {
        if (maskedPart.filter(m -> m.contains("%") || m.contains("_")).isPresent()) {
            throw new IllegalArgumentException("maskedPart must not contain % or _");
        }
        credentialHashes = credentialHashes.map(List::copyOf);
        if (credentialHashes.filter(h -> h.size() > MAX_HASHES).isPresent()) {
            throw new IllegalArgumentException("at most " + MAX_HASHES + " credential hashes");
        }
    }

    /** Without a credential hash filter. */
    public EntryQuery(
            Optional<String> gate,
            Optional<Instant> from,
            Optional<Instant> to,
            Optional<String> decision,
            Optional<String> maskedPart) {
        this(gate, from, to, decision, maskedPart, Optional.empty());
    }

    Where where() {
        Where w = new Where()
                .eq("gate", gate)
                .atOrAfter("received_at", from)
                .before("received_at", to)
                .eq("decision", decision);
        // UPPER on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not (for ASCII).
        maskedPart.ifPresent(m -> w.add("UPPER(credential_masked) LIKE UPPER(?)", "%" + m + "%"));
        credentialHashes.ifPresent(h -> {
            if (h.isEmpty()) {
                w.add("1 = 0");
            } else {
                w.add(
                        "credential_hash IN (" + String.join(", ", Collections.nCopies(h.size(), "?")) + ")",
                        h.toArray());
            }
        });
        return w;
    }
}
