package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.gatepost.hub.contract.StatusMessage;

/** The status transaction's statements, portable SQL; run inside the caller's transaction. */
final class StatusWrites {
    private StatusWrites() {}

    static StatusCommit commit(Connection c, StatusMessage s, Instant receivedAt, StatusPolicy policy)
            throws SQLException {
        StatusEffect effect = policy.decide(current(c, s.gate()), s);
        if (!effect.apply()) {
            return new StatusCommit(false, false, 0);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO gates (gate, state, reason, boot, epoch, status_at, last_status_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (gate) DO UPDATE SET state = excluded.state, reason = excluded.reason,
                  boot = excluded.boot, epoch = excluded.epoch, status_at = excluded.status_at,
                  last_status_at = excluded.last_status_at""")) {
            ps.setString(1, s.gate());
            ps.setString(2, s.state());
            ps.setString(3, s.reason());
            ps.setString(4, s.boot());
            ps.setString(5, s.epoch());
            ps.setString(6, Times.format(s.at()));
            ps.setString(7, Times.format(receivedAt));
            ps.executeUpdate();
        }
        boolean raised = effect.raise().isPresent()
                && AlertWrites.raise(c, effect.raise().get(), receivedAt);
        int resolved = 0;
        for (AlertKind kind : effect.resolveKinds()) {
            resolved += AlertWrites.resolve(c, s.gate(), kind, receivedAt);
        }
        return new StatusCommit(true, raised, resolved);
    }

    private static Optional<GateState> current(Connection c, String gate) throws SQLException {
        Set<String> open = new HashSet<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT DISTINCT kind FROM alerts WHERE gate = ? AND resolved_at IS NULL")) {
            ps.setString(1, gate);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT state, reason, boot, epoch FROM gates WHERE gate = ?")) {
            ps.setString(1, gate);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new GateState(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Set.copyOf(open)));
            }
        }
    }
}
