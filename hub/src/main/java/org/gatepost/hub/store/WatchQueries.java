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
    /**
     * Per gate and epoch (the gate's current epoch by its entries, and its last heartbeat's epoch): the high-water
     * mark, the highest stored seq (an index seek each), and the heartbeat's {@code last_seq} when that heartbeat
     * says more is acknowledged than the mark ({@link #reported}).
     */
    private static final String GAPS = """
            SELECT gate, epoch, up_to, max_seq, reported FROM (
              SELECT k.gate AS gate, k.epoch AS epoch, COALESCE(p.up_to, 0) AS up_to,
                (SELECT MAX(e.seq) FROM entries e WHERE e.gate = k.gate AND e.epoch = k.epoch) AS max_seq,
                (SELECT CASE WHEN h.acked_up_to > COALESCE(p.up_to, 0) THEN h.last_seq ELSE 0 END
                 FROM gate_health h WHERE h.gate = k.gate AND h.epoch = k.epoch) AS reported
              FROM (SELECT gate, epoch FROM gates WHERE epoch IS NOT NULL
                    UNION SELECT gate, epoch FROM gate_health) k
              LEFT JOIN gate_progress p ON p.gate = k.gate AND p.epoch = k.epoch) x
            WHERE max_seq > up_to OR reported > up_to ORDER BY gate, epoch""";

    private WatchQueries() {}

    static List<EpochGap> gaps(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GAPS)) {
            return Rows.list(
                    ps,
                    rs -> new EpochGap(
                            rs.getString(1), rs.getString(2), rs.getLong(3), Math.max(rs.getLong(4), rs.getLong(5))));
        }
    }

    static Optional<EpochGap> gap(Connection c, String gate, String epoch) throws SQLException {
        long upTo = EntryWrites.progress(c, gate, epoch);
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM entries WHERE gate = ? AND epoch = ?")) {
            ps.setString(1, gate);
            ps.setString(2, epoch);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long max = Math.max(rs.getLong(1), reported(c, gate, epoch, upTo));
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
                long reported = reported(c, gate, epoch, upTo);
                long above = Math.max(upTo, maxStored(c, gate, epoch));
                if (out.size() < limit && reported > above) {
                    out.add(new Hole(above + 1, reported));
                }
                return out;
            }
        }
    }

    /**
     * The {@code last_seq} of the gate's last heartbeat when it is of {@code epoch} and its {@code acked_up_to} is
     * above the hub's mark {@code upTo}: the gate believes entries acknowledged that the hub does not hold (a forged
     * ack, or a hub database restored from an older copy), so it will not send them by itself. 0 otherwise. A
     * heartbeat that only reports entries not yet acknowledged (in flight, or a backlog) is no gap: the gate sends
     * those on its own.
     */
    private static long reported(Connection c, String gate, String epoch, long upTo) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_seq FROM gate_health WHERE gate = ? AND epoch = ? AND acked_up_to > ?")) {
            ps.setString(1, gate);
            ps.setString(2, epoch);
            ps.setLong(3, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static long maxStored(Connection c, String gate, String epoch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM entries WHERE gate = ? AND epoch = ?")) {
            ps.setString(1, gate);
            ps.setString(2, epoch);
            return Rows.number(ps);
        }
    }

    static List<HeartbeatDue> heartbeatsOfOnlineGates(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.gate, g.last_status_at, h.received_at, h.interval_s
                FROM gates g JOIN gate_health h ON h.gate = g.gate
                WHERE g.state = 'online' ORDER BY g.gate""")) {
            return Rows.list(
                    ps,
                    rs -> new HeartbeatDue(
                            rs.getString(1),
                            Times.parse(rs.getString(2)),
                            Times.parse(rs.getString(3)),
                            rs.getDouble(4)));
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
            return Rows.list(
                    ps,
                    rs -> new DeadLetterView(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            Times.parse(rs.getString(4)),
                            rs.getString(5),
                            rs.getLong(6)));
        }
    }
}
