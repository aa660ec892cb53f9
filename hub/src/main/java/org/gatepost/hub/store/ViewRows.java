package org.gatepost.hub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.gatepost.hub.contract.EntryMessage;

/** The columns of the dashboard's entry and alert views, and how a row of them becomes one. */
final class ViewRows {
    private ViewRows() {}

    /** The columns {@link #entry} reads, in its order, for {@code SELECT ... FROM entries}. */
    static final String ENTRY_COLUMNS = """
            entry_id, gate, epoch, seq, at, received_at, clock_synced, credential_kind, credential_masked,
            body_c, object_c, ambient_c, offset_c, samples, decision, threshold_c, """ + RuleColumns.NAMES;

    /** The columns {@link #alert} reads, in its order, for {@code SELECT ... FROM alerts}. */
    static final String ALERT_COLUMNS = """
            id, kind, severity, gate, entry_id, message, raised_at, acknowledged_at, acknowledged_by, resolved_at""";

    static EntryView entry(ResultSet rs) throws SQLException {
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

    static AlertView alert(ResultSet rs) throws SQLException {
        return new AlertView(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                Times.parse(rs.getString(7)),
                Times.parse(rs.getString(8)),
                rs.getString(9),
                Times.parse(rs.getString(10)));
    }
}
