package org.gatepost.hub.store;

import java.time.Instant;
import java.util.Optional;

/** Alert filters; empty ones do not filter. {@code from} (inclusive) and {@code to} (exclusive) are on {@code raised_at}. */
public record AlertQuery(
        Optional<String> gate, Optional<AlertState> state, Optional<Instant> from, Optional<Instant> to) {
    public static final AlertQuery ALL =
            new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    Where where() {
        Where w = new Where().eq("gate", gate).atOrAfter("raised_at", from).before("raised_at", to);
        state.ifPresent(s -> w.add(s.sql));
        return w;
    }
}
