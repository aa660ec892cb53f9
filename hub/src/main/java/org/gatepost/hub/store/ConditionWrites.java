package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Open conditions ({@code gate_conditions}) and the alert each opening raised, portable SQL; run inside the
 * caller's transaction. A condition row exists exactly while the condition holds, so an alert is raised once
 * per transition, also across hub restarts, and an operator resolving the alert does not make it come back.
 */
final class ConditionWrites {
    private ConditionWrites() {}

    static Set<String> open(Connection c, String gate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT condition_key FROM gate_conditions WHERE gate = ?")) {
            ps.setString(1, gate);
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> out = new HashSet<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    static Map<String, Set<String>> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT gate, condition_key FROM gate_conditions");
                ResultSet rs = ps.executeQuery()) {
            Map<String, Set<String>> out = new TreeMap<>();
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), g -> new HashSet<>()).add(rs.getString(2));
            }
            return out;
        }
    }

    static boolean open(Connection c, String gate, String condition, ConditionAlert a, Instant at) throws SQLException {
        if (alertId(c, gate, condition) != null) {
            return false;
        }
        // A random part makes the key unique per opening; the alert's own id is read back by that key.
        String key = a.kind().wire() + ":" + gate + ":" + condition + ":" + UUID.randomUUID();
        if (!AlertWrites.raise(c, new NewAlert(a.kind(), a.severity(), gate, null, a.message(), key), at)) {
            throw new SQLException("alert key already used: " + key);
        }
        long alertId = AlertWrites.id(c, gate, key);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO gate_conditions (gate, condition_key, alert_id, since) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, gate);
            ps.setString(2, condition);
            ps.setLong(3, alertId);
            ps.setString(4, Times.format(at));
            ps.executeUpdate();
        }
        return true;
    }

    static boolean close(Connection c, String gate, String condition, Instant at) throws SQLException {
        Long alertId = alertId(c, gate, condition);
        if (alertId == null) {
            return false;
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL")) {
            ps.setString(1, Times.format(at));
            ps.setLong(2, alertId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM gate_conditions WHERE gate = ? AND condition_key = ?")) {
            ps.setString(1, gate);
            ps.setString(2, condition);
            ps.executeUpdate();
        }
        return true;
    }

    private static Long alertId(Connection c, String gate, String condition) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT alert_id FROM gate_conditions WHERE gate = ? AND condition_key = ?")) {
            ps.setString(1, gate);
            ps.setString(2, condition);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
