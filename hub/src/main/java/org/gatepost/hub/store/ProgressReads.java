package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads of {@code gate_progress} across gates (portable SQL). */
final class ProgressReads {
    private ProgressReads() {}

    /**
     * Each gate's progress in its latest epoch: the epoch of its last status when that epoch has progress, else the
     * epoch of its most recently received entry.
     */
    static List<GateProgress> latest(Connection c) throws SQLException {
        List<GateProgress> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT p.gate, p.epoch, p.up_to FROM gate_progress p
                WHERE p.epoch = COALESCE(
                  (SELECT g.epoch FROM gates g WHERE g.gate = p.gate
                     AND EXISTS (SELECT 1 FROM gate_progress q WHERE q.gate = g.gate AND q.epoch = g.epoch)),
                  (SELECT e.epoch FROM entries e WHERE e.gate = p.gate ORDER BY e.received_at DESC, e.seq DESC
                     LIMIT 1))
                ORDER BY p.gate""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new GateProgress(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return out;
    }
}
