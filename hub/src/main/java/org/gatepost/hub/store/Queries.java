package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
            return Rows.list(
                    ps,
                    rs -> new GateView(
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
        String select = "SELECT " + ViewRows.ENTRY_COLUMNS + " FROM entries ";
        return firstOfGate(c, select, "received_at DESC, seq DESC", gate, limit, ViewRows::entry);
    }

    static List<AlertView> alerts(Connection c, Optional<String> gate, int limit) throws SQLException {
        String select = "SELECT " + ViewRows.ALERT_COLUMNS + " FROM alerts ";
        return firstOfGate(c, select, "raised_at DESC, id DESC", gate, limit, ViewRows::alert);
    }

    /** The first {@code limit} rows of {@code select} in {@code order}, only {@code gate}'s when it is given. */
    private static <T> List<T> firstOfGate(
            Connection c, String select, String order, Optional<String> gate, int limit, Rows.Row<T> row)
            throws SQLException {
        Where w = new Where().eq("gate", gate);
        return Rows.page(c, select + w.sql() + " ORDER BY " + order + " LIMIT ?", w, limit, row);
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
