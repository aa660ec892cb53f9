package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@link AlertActions} in the hub's database, on the {@link Database}'s connections (writes serialised with
 * ingest, which raises and resolves alerts in the same table). Portable SQL. Thread safe.
 */
public final class SqlAlertActions implements AlertActions {
    private static final String COLUMNS = ViewRows.ALERT_COLUMNS;
    /** Keeps an {@code IN (...)} list well below every database's bind limit. */
    private static final int IN_CHUNK = 500;

    private final Database db;

    private SqlAlertActions(Database db) {
        this.db = db;
    }

    /** Alert handling in {@code db} (its tables come from the migrations). */
    static SqlAlertActions open(Database db) {
        return new SqlAlertActions(db);
    }

    @Override
    public List<AlertView> alerts(AlertQuery query, int limit) throws StoreException {
        return db.query("read alerts", c -> {
            Where w = query.where();
            return list(
                    c,
                    "SELECT " + COLUMNS + " FROM alerts " + w.sql() + " ORDER BY raised_at DESC, id DESC LIMIT ?",
                    w,
                    limit);
        });
    }

    @Override
    public List<AlertView> alertsAfter(AlertQuery query, long afterId, int pageSize) throws StoreException {
        return db.query("read alerts", c -> {
            Where w = query.where().add("id > ?", afterId);
            return list(c, "SELECT " + COLUMNS + " FROM alerts " + w.sql() + " ORDER BY id LIMIT ?", w, pageSize);
        });
    }

    @Override
    public Optional<AlertView> alert(long id) throws StoreException {
        return db.query("read alert", c -> {
            Where w = new Where().add("id = ?", id);
            return list(c, "SELECT " + COLUMNS + " FROM alerts " + w.sql() + " LIMIT ?", w, 1).stream()
                    .findFirst();
        });
    }

    @Override
    public List<AlertAction> actions(Collection<Long> alertIds) throws StoreException {
        if (alertIds.isEmpty()) {
            return List.of();
        }
        List<Long> ids = List.copyOf(alertIds);
        return db.query("read alert actions", c -> {
            List<AlertAction> out = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT alert_id, action, at, actor, note "
                        + "FROM alert_actions WHERE alert_id IN (" + marks + ") ORDER BY id")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    out.addAll(Rows.list(
                            ps,
                            rs -> new AlertAction(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    Times.parse(rs.getString(3)),
                                    rs.getString(4),
                                    rs.getString(5))));
                }
            }
            return out;
        });
    }

    @Override
    public ActionOutcome acknowledge(long id, String actor, String note, Instant at, AuditRecord audit)
            throws StoreException {
        return act("acknowledge alert", new AlertAction(id, AlertAction.ACKNOWLEDGE, at, actor, note), audit, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?")) {
                ps.setString(1, Times.format(at));
                ps.setString(2, actor);
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public ActionOutcome resolve(long id, String actor, String note, Instant at, AuditRecord audit)
            throws StoreException {
        return act("resolve alert", new AlertAction(id, AlertAction.RESOLVE, at, actor, note), audit, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET resolved_at = ? WHERE id = ?")) {
                ps.setString(1, Times.format(at));
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * In one transaction: unless the alert refuses {@code a} ({@link #refusal}), runs {@code change} on it and records
     * {@code a} with {@code audit}.
     */
    private ActionOutcome act(String what, AlertAction a, AuditRecord audit, SqlWork<Integer> change)
            throws StoreException {
        return db.transact(what, c -> {
            Optional<ActionOutcome> refused = refusal(c, a.alertId(), AlertAction.ACKNOWLEDGE.equals(a.action()));
            if (refused.isPresent()) {
                return refused.get();
            }
            change.run(c);
            record(c, a, audit);
            return ActionOutcome.DONE;
        });
    }

    private static Optional<ActionOutcome> refusal(Connection c, long id, boolean acknowledging) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT acknowledged_at, resolved_at FROM alerts WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.of(ActionOutcome.NO_SUCH_ALERT);
                }
                if (rs.getString(2) != null) {
                    return Optional.of(ActionOutcome.ALREADY_RESOLVED);
                }
                if (acknowledging && rs.getString(1) != null) {
                    return Optional.of(ActionOutcome.ALREADY_ACKNOWLEDGED);
                }
                return Optional.empty();
            }
        }
    }

    private static void record(Connection c, AlertAction a, AuditRecord audit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_actions (alert_id, action, at, actor, note) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, a.alertId());
            ps.setString(2, a.action());
            ps.setString(3, Times.format(a.at()));
            ps.setString(4, a.actor());
            ps.setString(5, a.note());
            ps.executeUpdate();
        }
        AuditWrites.insert(c, audit);
    }

    private static List<AlertView> list(Connection c, String sql, Where w, int limit) throws SQLException {
        return Rows.page(c, sql, w, limit, ViewRows::alert);
    }
}
