package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements of the periodic checks (gaps, heartbeats, retention) and the dead-letter listing, portable SQL.
 * Gaps are found by {@code seq} alone, never by the gates' clocks.
 */
final class WatchQueries {
    /** Per gate and epoch: the high-water mark and the highest stored seq (an index seek each). */
    private static final String GAPS = """
            SELECT gate, epoch, up_to, max_seq FROM (
              SELECT g.gate AS gate, g.epoch AS epoch, COALESCE(p.up_to, 0) AS up_to,
                (SELECT MAX(e.seq) FROM entries e WHERE e.gate = g.gate AND e.epoch = g.epoch) AS max_seq
              FROM gates g LEFT JOIN gate_progress p ON p.gate = g.gate AND p.epoch = g.epoch
              WHERE g.epoch IS NOT NULL) x
            WHERE max_seq > up_to ORDER BY gate""";

    private WatchQueries() {
    }

    static List<EpochGap> gaps(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GAPS); ResultSet rs = ps.executeQuery()) {
            List<EpochGap> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new EpochGap(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            }
            return out;
        }
    }

    static Optional<EpochGap> gap(Connection c, String gate, String epoch) throws SQLException {
        long upTo = EntryWrites.progress(c, gate, epoch);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(seq) FROM entries WHERE gate = ? AND epoch = ?")) {
            ps.setString(1, gate);
            ps.setString(2, epoch);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return max > upTo ? Optional.of(new EpochGap(gate, epoch, upTo, max)) : Optional.empty();
            }
        }
    }

    static List<Hole> holes(Connection c, String gate, String epoch, long upTo, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT e.seq, (SELECT MAX(p.seq) FROM entries p
                               WHERE p.gate = e.gate AND p.epoch = e.epoch AND p.seq < e.seq)
                FROM entries e
                WHERE e.gate = ? AND e.epoch = ? AND e.seq > ?
                  AND NOT EXISTS (SELECT 1 FROM entries n
                                  WHERE n.gate = e.gate AND n.epoch = e.epoch AND n.seq = e.seq - 1)
                ORDER BY e.seq LIMIT ?""")) {
            ps.setString(1, gate);
            ps.setString(2, epoch);
            ps.setLong(3, upTo);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Hole> out = new ArrayList<>();
                while (rs.next()) {
                    long next = rs.getLong(1);
                    long below = Math.max(upTo, rs.getLong(2));
                    if (below + 1 <= next - 1) {
                        out.add(new Hole(below + 1, next - 1));
                    }
                }
                return out;
            }
        }
    }

    static List<HeartbeatDue> heartbeatsOfOnlineGates(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.gate, g.last_status_at, h.received_at, h.interval_s
                FROM gates g JOIN gate_health h ON h.gate = g.gate
                WHERE g.state = 'online' ORDER BY g.gate""");
             ResultSet rs = ps.executeQuery()) {
            List<HeartbeatDue> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new HeartbeatDue(rs.getString(1), Times.parse(rs.getString(2)), Times.parse(rs.getString(3)),
                        rs.getDouble(4)));
            }
            return out;
        }
    }

    static int purgeEntries(Connection c, Instant cutoff, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM entries WHERE (gate, epoch, seq) IN (
                  SELECT gate, epoch, seq FROM entries WHERE received_at < ? ORDER BY received_at LIMIT ?)""")) {
            ps.setString(1, Times.format(cutoff));
            ps.setInt(2, limit);
            return ps.executeUpdate();
        }
    }

    static List<DeadLetterView> deadLetters(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, topic, reason, received_at, SUBSTR(payload, 1, ?), payload_bytes
                FROM dead_letters ORDER BY received_at DESC, id DESC LIMIT ?""")) {
            ps.setInt(1, HubStore.DEAD_LETTER_PREVIEW_CHARS);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<DeadLetterView> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new DeadLetterView(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Times.parse(rs.getString(4)), rs.getString(5), rs.getLong(6)));
                }
                return out;
            }
        }
    }
}
