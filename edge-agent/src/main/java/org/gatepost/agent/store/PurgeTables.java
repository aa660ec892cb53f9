package org.gatepost.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of the emergency in the outbox's SQLite file (docs/security.md, "End of the emergency (PIPL art. 47)"):
 * table {@code purges} (one row per purge id received: when, when done, the report sent), and the deletes of the
 * gate's personal data. Called with the store's lock held; not thread safe by itself.
 */
final class PurgeTables {
    /** The gate's tables that name people, deleted whole, with the kind each count is reported under. */
    static final Map<String, String> PERSONAL_TABLES = orderedOf(
            "exits", "exits", // person hash and household of each exit (the quota)
            "duty", "duty", // badge hash and masked number of whoever is signed in
            "retest", "retests", // credential hashes resting before a re-measure
            "last_scan", "last_scans"); // credential hashes of the duplicate window

    private PurgeTables() {}

    static void create(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS purges (
                      id          TEXT PRIMARY KEY,
                      received_at TEXT NOT NULL,
                      done_at     TEXT,
                      report      TEXT
                    )""");
        }
    }

    /** Records {@code id} as received; returns false when it was known already. */
    static boolean received(Connection conn, String id, Instant at) throws SQLException {
        try (PreparedStatement ps =
                conn.prepareStatement("INSERT OR IGNORE INTO purges (id, received_at) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, at.toString());
            return ps.executeUpdate() == 1;
        }
    }

    /** The report of a purge done, empty while it is pending or unknown. */
    static Optional<String> report(Connection conn, String id) throws SQLException {
        try (PreparedStatement ps =
                conn.prepareStatement("SELECT report FROM purges WHERE id = ? AND done_at IS NOT NULL")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Purges received and not done yet, oldest first. */
    static List<String> pending(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT id FROM purges WHERE done_at IS NULL ORDER BY received_at, id")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /**
     * Deletes the acknowledged outbox rows up to {@code ackedUpTo} and the personal tables; returns the counts by
     * kind ({@code outbox_entries} and {@link #PERSONAL_TABLES}' kinds).
     */
    static Map<String, Long> delete(Connection conn, long ackedUpTo) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA secure_delete=ON");
        }
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM outbox WHERE seq <= ?")) {
            ps.setLong(1, ackedUpTo);
            out.put("outbox_entries", (long) ps.executeUpdate());
        }
        for (Map.Entry<String, String> t : PERSONAL_TABLES.entrySet()) {
            try (Statement st = conn.createStatement()) {
                out.put(t.getValue(), (long) st.executeUpdate("DELETE FROM " + t.getKey()));
            }
        }
        return out;
    }

    static void done(Connection conn, String id, Instant at, String report) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE purges SET done_at = ?, report = ? WHERE id = ?")) {
            ps.setString(1, at.toString());
            ps.setString(2, report);
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    private static Map<String, String> orderedOf(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
