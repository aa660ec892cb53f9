package org.gatepost.agent.store;

import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.lists.ListPolicy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link GateLedger} tables in the outbox's SQLite file, added to any store file (old ones too) with
 * {@code CREATE TABLE IF NOT EXISTS}. Exits older than {@link #EXIT_HISTORY} are dropped as new ones are written
 * (the longest quota period is a week). Called with the store's lock held; not thread safe by itself.
 */
final class LedgerTables {
    static final Duration EXIT_HISTORY = Duration.ofDays(8);

    private LedgerTables() {
    }

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
        }
    }

    /** Within the append transaction: the entry's exit and duty change, if any. */
    static void record(Connection conn, Entry e) throws SQLException {
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
        if (e.decision() == Decision.SIGN_IN) {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT OR IGNORE INTO duty (hash, masked, since) VALUES (?, ?, ?)")) {
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
            while (rs.next()) out.add(new GateLedger.OnDuty(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))));
        }
        return out;
    }
}
