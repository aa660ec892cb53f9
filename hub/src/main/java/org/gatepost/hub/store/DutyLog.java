package org.gatepost.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The volunteers' duty at the gates, read from the entries on the {@link Database}'s read connections: sign-in
 * and sign-out entries, and what a gate decided in a period. Times are the gates' ({@code at}). Portable SQL.
 * Thread safe; calls block on the database.
 */
public final class DutyLog {
    private final Database db;

    DutyLog(Database db) {
        this.db = db;
    }

    /** Sign-in and sign-out entries with a credential, of one gate or all, before {@code to}, oldest first. */
    public List<DutyEvent> events(Optional<String> gate, Optional<Instant> to) throws StoreException {
        return db.query("read duty", c -> {
            Where w = new Where()
                    .add("decision IN ('sign-in', 'sign-out')")
                    .add("credential_hash IS NOT NULL")
                    .eq("gate", gate)
                    .before("at", to);
            return Rows.list(
                    c,
                    "SELECT gate, entry_id, at, decision, credential_hash,"
                            + " credential_masked, person_role FROM entries " + w.sql() + " ORDER BY gate, at, seq",
                    w,
                    rs -> new DutyEvent(
                            rs.getString(1),
                            rs.getString(2),
                            Times.parse(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7)));
        });
    }

    /** Entries of {@code gate} per decision with {@code from <= at < to} ({@code to} empty: no end). */
    public List<DecisionCount> decisions(String gate, Instant from, Optional<Instant> to) throws StoreException {
        return db.query("count duty entries", c -> {
            Where w = new Where()
                    .eq("gate", Optional.of(gate))
                    .atOrAfter("at", Optional.of(from))
                    .before("at", to);
            return Rows.list(
                    c,
                    "SELECT decision, COUNT(*) FROM entries " + w.sql() + " GROUP BY decision ORDER BY decision",
                    w,
                    rs -> new DecisionCount(gate, rs.getString(1), rs.getLong(2)));
        });
    }
}
