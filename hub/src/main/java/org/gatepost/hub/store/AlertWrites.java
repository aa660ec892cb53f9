package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Alert inserts and resolutions, portable SQL; run inside the caller's transaction. */
final class AlertWrites {
    private AlertWrites() {}

    /** Inserts unless the gate's dedupe key exists; true when a row was created. The database assigns the id. */
    static boolean raise(Connection c, NewAlert a, Instant raisedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO alerts (dedupe_key, kind, severity, gate, entry_id, message, raised_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (gate, dedupe_key) DO NOTHING""")) {
            ps.setString(1, a.dedupeKey());
            ps.setString(2, a.kind().wire());
            ps.setString(3, a.severity().wire());
            ps.setString(4, a.gate());
            ps.setString(5, a.entryId());
            ps.setString(6, a.message());
            ps.setString(7, Times.format(raisedAt));
            return ps.executeUpdate() == 1;
        }
    }

    /** The id of the gate's alert with {@code dedupeKey}. */
    static long id(Connection c, String gate, String dedupeKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM alerts WHERE gate = ? AND dedupe_key = ?")) {
            ps.setString(1, gate);
            ps.setString(2, dedupeKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no alert " + dedupeKey + " of gate " + gate);
                }
                return rs.getLong(1);
            }
        }
    }

    /** Marks the gate's open alerts of {@code kind} resolved; returns how many. */
    static int resolve(Connection c, String gate, AlertKind kind, Instant resolvedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE alerts SET resolved_at = ?
                WHERE gate = ? AND kind = ? AND resolved_at IS NULL""")) {
            ps.setString(1, Times.format(resolvedAt));
            ps.setString(2, gate);
            ps.setString(3, kind.wire());
            return ps.executeUpdate();
        }
    }
}
