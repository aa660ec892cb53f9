package org.gatepost.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.RuleFields;

/**
 * The {@link GateLedger} tables in the outbox's SQLite file, added to any store file (old ones too) with
 * {@code CREATE TABLE IF NOT EXISTS}. Exits older than {@link #EXIT_HISTORY} are dropped as new ones are written
 * (the longest quota period is a week). Called with the store's lock held; not thread safe by itself.
 */
final class LedgerTables {
    static final Duration EXIT_HISTORY = Duration.ofDays(8);
    /** The longest duplicate window (the policy's {@code duplicate_window_s} is at most 3,600). */
    static final Duration LAST_SCAN_KEPT = Duration.ofHours(1);

    private LedgerTables() {}

    static void create(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS exits (
                      seq       INTEGER PRIMARY KEY,
                      at_ms     INTEGER NOT NULL,
                      person    TEXT    NOT NULL,
                      household TEXT
                    )""");
            st.execute("CREATE INDEX IF NOT EXISTS exits_person ON exits (person, at_ms)");
            st.execute("CREATE INDEX IF NOT EXISTS exits_household ON exits (household, at_ms)");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS duty (
                      hash   TEXT PRIMARY KEY,
                      masked TEXT NOT NULL,
                      since  TEXT NOT NULL
                    )""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS retest (
                      hash         TEXT    PRIMARY KEY,
                      first_seq    INTEGER NOT NULL,
                      first_body_c REAL    NOT NULL,
                      rest_ends_ms INTEGER NOT NULL
                    )""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS last_scan (
                      hash          TEXT    PRIMARY KEY,
                      at_ms         INTEGER NOT NULL,
                      seq           INTEGER NOT NULL,
                      decision      TEXT    NOT NULL,
                      admitted      INTEGER NOT NULL,
                      mask_reminder INTEGER NOT NULL
                    )""");
            st.execute("CREATE INDEX IF NOT EXISTS last_scan_at ON last_scan (at_ms)");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS pass_use (
                      pass  TEXT    PRIMARY KEY,
                      seq   INTEGER NOT NULL,
                      to_ms INTEGER NOT NULL
                    )""");
        }
    }

    /** Within the append transaction: the entry's exit, duty, retest and last-scan changes, if any. */
    static void record(Connection conn, Entry e) throws SQLException {
        if (e.draft().credential() != null) {
            recordScan(conn, e);
        }
        if (GateLedger.countsAsExit(e)) {
            RuleFields.Person p = e.draft().rules().person();
            try (PreparedStatement ins = conn.prepareStatement(
                            "INSERT INTO exits (seq, at_ms, person, household) VALUES (?, ?, ?, ?)");
                    PreparedStatement old = conn.prepareStatement("DELETE FROM exits WHERE at_ms < ?")) {
                ins.setLong(1, e.seq());
                ins.setLong(2, e.draft().at().toEpochMilli());
                ins.setString(3, e.draft().credential().hash());
                ins.setString(4, p == null ? null : p.household());
                ins.executeUpdate();
                old.setLong(1, e.draft().at().minus(EXIT_HISTORY).toEpochMilli());
                old.executeUpdate();
            }
        }
        RuleFields.Pass pass = e.draft().rules().pass();
        if (e.decision() == Decision.ADMIT_VISITOR
                && pass != null
                && pass.uses().equals("one")) {
            try (PreparedStatement ins = conn.prepareStatement(
                            "INSERT OR IGNORE INTO pass_use (pass, seq, to_ms) VALUES (?, ?, ?)");
                    PreparedStatement old = conn.prepareStatement("DELETE FROM pass_use WHERE to_ms < ?")) {
                ins.setString(1, pass.id());
                ins.setLong(2, e.seq());
                ins.setLong(3, pass.to().toEpochMilli());
                ins.executeUpdate();
                old.setLong(1, e.draft().at().toEpochMilli());
                old.executeUpdate();
            }
        }
        if (e.decision() == Decision.SIGN_IN) {
            try (PreparedStatement ps =
                    conn.prepareStatement("INSERT OR IGNORE INTO duty (hash, masked, since) VALUES (?, ?, ?)")) {
                ps.setString(1, e.draft().credential().hash());
                ps.setString(2, e.draft().credential().masked());
                ps.setString(3, e.draft().at().toString());
                ps.executeUpdate();
            }
        } else if (e.decision() == Decision.SIGN_OUT) {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM duty WHERE hash = ?")) {
                ps.setString(1, e.draft().credential().hash());
                ps.executeUpdate();
            }
        }
    }

    /**
     * The last entry of the credential (the duplicate window; rows older than {@link #LAST_SCAN_KEPT} are dropped),
     * and the retest it starts (a {@code retest} entry whose first reading is its own) or ends (the entry that
     * decides after the rest carries {@code first_body_c}).
     */
    private static void recordScan(Connection conn, Entry e) throws SQLException {
        String hash = e.draft().credential().hash();
        RuleFields r = e.draft().rules();
        long at = e.draft().at().toEpochMilli();
        try (PreparedStatement ps = conn.prepareStatement("""
                INSERT INTO last_scan (hash, at_ms, seq, decision, admitted, mask_reminder) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (hash) DO UPDATE SET at_ms = excluded.at_ms, seq = excluded.seq,
                  decision = excluded.decision, admitted = excluded.admitted, mask_reminder = excluded.mask_reminder""");
                PreparedStatement old = conn.prepareStatement("DELETE FROM last_scan WHERE at_ms < ?")) {
            ps.setString(1, hash);
            ps.setLong(2, at);
            ps.setLong(3, e.seq());
            ps.setString(4, e.decision().wire());
            ps.setInt(5, r.admitted() ? 1 : 0);
            ps.setInt(6, maskReminder(e) ? 1 : 0);
            ps.executeUpdate();
            old.setLong(1, at - LAST_SCAN_KEPT.toMillis());
            old.executeUpdate();
        }
        RuleFields.Retest t = r.retest();
        if (t == null) {
            return;
        }
        if (e.decision() == Decision.RETEST
                && t.restS() != null
                && t.firstSeq() == RuleFields.Retest.SELF
                && e.draft().temperature() != null) {
            try (PreparedStatement ps = conn.prepareStatement("""
                    INSERT INTO retest (hash, first_seq, first_body_c, rest_ends_ms) VALUES (?, ?, ?, ?)
                    ON CONFLICT (hash) DO UPDATE SET first_seq = excluded.first_seq,
                      first_body_c = excluded.first_body_c, rest_ends_ms = excluded.rest_ends_ms""")) {
                ps.setString(1, hash);
                ps.setLong(2, e.seq());
                ps.setDouble(3, e.draft().temperature().bodyC());
                ps.setLong(4, at + t.restS() * 1000);
                ps.executeUpdate();
            }
        } else if (t.restS() == null) {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM retest WHERE hash = ?")) {
                ps.setString(1, hash);
                ps.executeUpdate();
            }
        }
    }

    static boolean passUsed(Connection conn, String id) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM pass_use WHERE pass = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Admitted with the mask not confirmed: the gate gave the reminder beeps (only a reminder policy admits so). */
    private static boolean maskReminder(Entry e) {
        RuleFields r = e.draft().rules();
        return r.admitted() && "missing".equals(r.mask()) && r.visitor() == null && r.override() == null;
    }

    static List<GateLedger.Retest> retests(Connection conn, Instant now, Duration expiry) throws SQLException {
        List<GateLedger.Retest> out = new ArrayList<>();
        try (PreparedStatement del = conn.prepareStatement("DELETE FROM retest WHERE rest_ends_ms <= ?");
                PreparedStatement ps = conn.prepareStatement(
                        "SELECT hash, first_seq, first_body_c, rest_ends_ms FROM retest ORDER BY rest_ends_ms, hash")) {
            del.setLong(1, now.minus(expiry).toEpochMilli());
            del.executeUpdate();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GateLedger.Retest(
                            rs.getString(1), rs.getLong(2), rs.getDouble(3), Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
        }
        return out;
    }

    static List<GateLedger.LastScan> lastScans(Connection conn, Instant since) throws SQLException {
        List<GateLedger.LastScan> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT hash, at_ms, seq, decision, admitted, mask_reminder FROM last_scan WHERE at_ms >= ?")) {
            ps.setLong(1, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Decision d = Decision.fromWire(rs.getString(4));
                    out.add(new GateLedger.LastScan(
                            rs.getString(1),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getLong(3),
                            d,
                            rs.getInt(5) == 1,
                            rs.getInt(6) == 1));
                }
            }
        }
        return out;
    }

    static int exits(Connection conn, ListPolicy.ExitQuota.Per per, String key, Instant from, Instant to)
            throws SQLException {
        String column = per == ListPolicy.ExitQuota.Per.PERSON ? "person" : "household";
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT count(*) FROM exits WHERE " + column + " = ? AND at_ms >= ? AND at_ms < ?")) {
            ps.setString(1, key);
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    static List<GateLedger.OnDuty> duty(Connection conn) throws SQLException {
        List<GateLedger.OnDuty> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT hash, masked, since FROM duty ORDER BY since, hash")) {
            while (rs.next()) {
                out.add(new GateLedger.OnDuty(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))));
            }
        }
        return out;
    }
}
