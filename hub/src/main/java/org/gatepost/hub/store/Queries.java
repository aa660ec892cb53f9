package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gatepost.hub.contract.EntryMessage;

/** The read side, portable SQL. */
final class Queries {
    private static final String OPEN = "resolved_at IS NULL AND acknowledged_at IS NULL";

    private Queries() {}

    static List<GateView> gates(Connection c, Instant countSince) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.gate, g.state, g.reason, g.boot, g.epoch, g.last_status_at, g.last_entry_at,
                  (SELECT COUNT(*) FROM entries e WHERE e.gate = g.gate),
                  (SELECT COUNT(*) FROM entries e WHERE e.gate = g.gate AND e.received_at >= ?),
                  COALESCE((SELECT p.up_to FROM gate_progress p WHERE p.gate = g.gate AND p.epoch = g.epoch), 0),
                  (SELECT COUNT(*) FROM alerts a WHERE a.gate = g.gate AND a.%s)
                FROM gates g ORDER BY g.gate""".formatted(OPEN))) {
            ps.setString(1, Times.format(countSince));
            try (ResultSet rs = ps.executeQuery()) {
                List<GateView> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new GateView(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            Times.parse(rs.getString(6)),
                            Times.parse(rs.getString(7)),
                            rs.getLong(8),
                            rs.getLong(9),
                            rs.getLong(10),
                            rs.getLong(11)));
                }
                return out;
            }
        }
    }

    static Map<String, Long> openAlertsByKind(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT kind, COUNT(*) FROM alerts WHERE " + OPEN + " GROUP BY kind ORDER BY kind");
                ResultSet rs = ps.executeQuery()) {
            Map<String, Long> out = new TreeMap<>();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        }
    }

    static List<EntryView> entries(Connection c, Optional<String> gate, int limit) throws SQLException {
        String sql = """
                SELECT entry_id, gate, epoch, seq, at, received_at, clock_synced, credential_kind, credential_masked,
                  body_c, object_c, ambient_c, offset_c, samples, decision, threshold_c, %s
                FROM entries %s ORDER BY received_at DESC, seq DESC LIMIT ?""".formatted(RuleColumns.NAMES, gate.isPresent() ? "WHERE gate = ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            if (gate.isPresent()) {
                ps.setString(++i, gate.get());
            }
            ps.setInt(++i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<EntryView> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(entry(rs));
                }
                return out;
            }
        }
    }

    private static EntryView entry(ResultSet rs) throws SQLException {
        double body = rs.getDouble(10);
        EntryMessage.Temperature t = rs.wasNull()
                ? null
                : new EntryMessage.Temperature(
                        body,
                        rs.getDouble(11),
                        rs.getObject(12) == null ? null : rs.getDouble(12),
                        rs.getDouble(13),
                        rs.getInt(14));
        return new EntryView(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                Times.parse(rs.getString(5)),
                Times.parse(rs.getString(6)),
                rs.getInt(7) != 0,
                rs.getString(8),
                rs.getString(9),
                t,
                rs.getString(15),
                rs.getDouble(16),
                RuleColumns.admitted(rs, 17),
                RuleColumns.read(rs, 17, rs.getString(15)),
                RuleColumns.health(rs, 17));
    }

    static List<AlertView> alerts(Connection c, Optional<String> gate, int limit) throws SQLException {
        String sql = """
                SELECT id, kind, severity, gate, entry_id, message, raised_at, acknowledged_at, acknowledged_by,
                  resolved_at
                FROM alerts %s ORDER BY raised_at DESC, id DESC LIMIT ?""".formatted(gate.isPresent() ? "WHERE gate = ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            if (gate.isPresent()) {
                ps.setString(++i, gate.get());
            }
            ps.setInt(++i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<AlertView> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new AlertView(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            Times.parse(rs.getString(7)),
                            Times.parse(rs.getString(8)),
                            rs.getString(9),
                            Times.parse(rs.getString(10))));
                }
                return out;
            }
        }
    }

    static StoreCounts counts(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT (SELECT COUNT(*) FROM gates), (SELECT COUNT(*) FROM entries), (SELECT COUNT(*) FROM alerts),
                  (SELECT COUNT(*) FROM alerts WHERE %s), (SELECT COUNT(*) FROM dead_letters)""".formatted(OPEN));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new StoreCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
    }
}
