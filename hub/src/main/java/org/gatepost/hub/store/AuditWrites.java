package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Audit log inserts, portable SQL (the database assigns the id); run inside the caller's transaction. */
final class AuditWrites {
    private AuditWrites() {}

    static void insert(Connection c, AuditRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_log (at, actor, action, target, detail, remote)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, Times.format(r.at()));
            ps.setString(2, r.actor());
            ps.setString(3, r.action());
            ps.setString(4, r.target());
            ps.setString(5, r.detail());
            ps.setString(6, r.remote());
            ps.executeUpdate();
        }
    }
}
