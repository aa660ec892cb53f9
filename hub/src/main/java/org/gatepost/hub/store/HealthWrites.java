package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatepost.hub.contract.HeartbeatJson;
import org.gatepost.hub.contract.HeartbeatMessage;

/** The latest heartbeat per gate ({@code gate_health}), portable SQL; writes run inside the caller's transaction. */
final class HealthWrites {
    private static final String COLUMNS = """
            gate, received_at, boot, epoch, interval_s, last_seq, acked_up_to, backlog, oldest_unsent_age_s,
            unrecorded, store_bytes, store_budget_bytes, store_used_pct, store_error, clock_synced, devices, lists""";

    private HealthWrites() {}

    static void store(Connection c, HeartbeatMessage h, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO gate_health (gate, received_at, boot, epoch, at, interval_s, last_seq, acked_up_to, backlog,
                  oldest_unsent_age_s, unrecorded, store_bytes, store_budget_bytes, store_used_pct, store_error,
                  clock_synced, devices, lists)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (gate) DO UPDATE SET received_at = excluded.received_at, boot = excluded.boot,
                  epoch = excluded.epoch, at = excluded.at, interval_s = excluded.interval_s,
                  last_seq = excluded.last_seq, acked_up_to = excluded.acked_up_to, backlog = excluded.backlog,
                  oldest_unsent_age_s = excluded.oldest_unsent_age_s, unrecorded = excluded.unrecorded,
                  store_bytes = excluded.store_bytes, store_budget_bytes = excluded.store_budget_bytes,
                  store_used_pct = excluded.store_used_pct, store_error = excluded.store_error,
                  clock_synced = excluded.clock_synced, devices = excluded.devices, lists = excluded.lists""")) {
            int i = 0;
            ps.setString(++i, h.gate());
            ps.setString(++i, Times.format(receivedAt));
            ps.setString(++i, h.boot());
            ps.setString(++i, h.epoch());
            ps.setString(++i, Times.format(h.at()));
            ps.setDouble(++i, h.intervalS());
            ps.setLong(++i, h.lastSeq());
            ps.setLong(++i, h.ackedUpTo());
            ps.setLong(++i, h.backlog());
            if (h.oldestUnsentAgeS() == null) {
                ps.setNull(++i, Types.DOUBLE);
            } else {
                ps.setDouble(++i, h.oldestUnsentAgeS());
            }
            ps.setLong(++i, h.unrecorded());
            ps.setLong(++i, h.store().bytes());
            ps.setLong(++i, h.store().budgetBytes());
            ps.setDouble(++i, h.store().usedPct());
            ps.setString(++i, h.store().error());
            ps.setInt(++i, h.clockSynced() ? 1 : 0);
            ps.setString(++i, HeartbeatJson.devicesJson(h.devices()));
            ps.setString(++i, HeartbeatJson.listsJson(h.lists()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO gates (gate, state, epoch) VALUES (?, ?, ?)
                ON CONFLICT (gate) DO UPDATE SET epoch = COALESCE(gates.epoch, excluded.epoch)""")) {
            ps.setString(1, h.gate());
            ps.setString(2, GateState.UNKNOWN);
            ps.setString(3, h.epoch());
            ps.executeUpdate();
        }
    }

    static Optional<GateHealth> one(Connection c, String gate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gate_health WHERE gate = ?")) {
            ps.setString(1, gate);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    static List<GateHealth> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gate_health ORDER BY gate")) {
            return Rows.list(ps, rs -> row(rs));
        }
    }

    private static GateHealth row(ResultSet rs) throws SQLException {
        double age = rs.getDouble(9);
        Double oldest = rs.wasNull() ? null : age;
        return new GateHealth(
                rs.getString(1),
                Times.parse(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getDouble(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                oldest,
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getDouble(13),
                rs.getString(14),
                rs.getInt(15) != 0,
                rs.getString(16),
                rs.getString(17));
    }
}
