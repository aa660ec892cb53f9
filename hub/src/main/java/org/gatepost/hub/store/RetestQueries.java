package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The statement behind {@link HubStore#openRetests}, portable SQL (SQLite and PostgreSQL). */
final class RetestQueries {
    /** Bounds the answer; a community with more open retests than this has other problems. */
    static final int MAX_ROWS = 20_000;

    private static final String OPEN = """
            SELECT s.gate, s.epoch, s.seq, s.credential_hash, s.at, s.clock_synced, s.received_at, s.body_c, s.payload
            FROM entries s
            WHERE s.received_at >= ? AND s.decision = 'retest' AND s.credential_hash IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM entries d
                              WHERE d.credential_hash = s.credential_hash AND d.received_at > s.received_at
                                AND d.decision NOT IN ('retest', 'sign-in', 'sign-out'))
            ORDER BY s.received_at, s.gate, s.seq LIMIT ?""";

    private RetestQueries() {}

    static List<RetestEntry> open(Connection c, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN)) {
            ps.setString(1, Times.format(since));
            ps.setInt(2, MAX_ROWS);
            try (ResultSet rs = ps.executeQuery()) {
                List<RetestEntry> out = new ArrayList<>();
                while (rs.next()) {
                    double body = rs.getDouble(8);
                    Double bodyC = rs.wasNull() ? null : body;
                    out.add(new RetestEntry(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getString(4),
                            Times.parse(rs.getString(5)),
                            rs.getInt(6) != 0,
                            Times.parse(rs.getString(7)),
                            bodyC,
                            rs.getString(9)));
                }
                return out;
            }
        }
    }
}
