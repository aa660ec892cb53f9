package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Alert inserts and resolutions, portable SQL; run inside the caller's transaction. */
final class AlertWrites {
    private AlertWrites() {
    }

    /** Inserts unless the dedupe key exists; true when a row was created. */
    static boolean raise(Connection c, NewAlert a, Instant raisedAt) throws SQLException {
        long id = nextId(c, "alerts");
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO alerts (id, dedupe_key, kind, severity, gate, entry_id, message, raised_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (dedupe_key) DO NOTHING""")) {
            ps.setLong(1, id);
            ps.setString(2, a.dedupeKey());
            ps.setString(3, a.kind());
            ps.setString(4, a.severity());
            ps.setString(5, a.gate());
            ps.setString(6, a.entryId());
            ps.setString(7, a.message());
            ps.setString(8, Times.format(raisedAt));
            return ps.executeUpdate() == 1;
        }
    }

    /** Marks the gate's open alerts of {@code kind} resolved; returns how many. */
    static int resolve(Connection c, String gate, String kind, Instant resolvedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE alerts SET resolved_at = ?
                WHERE gate = ? AND kind = ? AND resolved_at IS NULL""")) {
            ps.setString(1, Times.format(resolvedAt));
            ps.setString(2, gate);
            ps.setString(3, kind);
            return ps.executeUpdate();
        }
    }

    /** Next id for a table with a BIGINT id; safe because writes are serialised by the store. */
    static long nextId(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
