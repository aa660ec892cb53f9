package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Audit log inserts, portable SQL; run inside the caller's transaction. */
final class AuditWrites {
    static final String DDL = """
            CREATE TABLE IF NOT EXISTS audit_log (
              id BIGINT PRIMARY KEY,
              at TEXT NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              target TEXT,
              detail TEXT,
              remote TEXT)""";
    static final String INDEX = "CREATE INDEX IF NOT EXISTS audit_by_actor ON audit_log (actor)";

    private AuditWrites() {
    }

    static void insert(Connection c, AuditRecord r) throws SQLException {
        long id = AlertWrites.nextId(c, "audit_log");
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_log (id, at, actor, action, target, detail, remote)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, id);
            ps.setString(2, Times.format(r.at()));
            ps.setString(3, r.actor());
            ps.setString(4, r.action());
            ps.setString(5, r.target());
            ps.setString(6, r.detail());
            ps.setString(7, r.remote());
            ps.executeUpdate();
        }
    }
}
