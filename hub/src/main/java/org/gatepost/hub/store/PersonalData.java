package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every table of the hub that holds personal data, and how the purge removes it (docs/security.md, "End of the
 * emergency (PIPL art. 47)"): <b>one entry per table in {@link #STEPS}</b>. A new table with personal columns adds
 * its step here and nowhere else; {@link SqlPurgeStore} runs them all in one transaction, counts what each removed
 * under its {@link Step#kind()}, and reports the counts (the audit record, the API, the CLI).
 *
 * <p>What stays is anonymous: the entries themselves (gate, time, decision, temperatures, admitted, direction,
 * role, quarantined flag), so the daily report's counts and the dashboard's charts survive; the alerts (kind,
 * severity, gate, times) with a message that names no one; the policy list; gates, progress, health.
 */
final class PersonalData {
    /** The lists whose items name people or households; only {@code policy} is kept. */
    static final List<String> PERSONAL_LISTS = List.of("residents", "quarantine", "blocked", "badges");

    /**
     * One table's part of the purge, run inside the purge's transaction.
     */
    interface Step {
        /** The name its count is reported under, e.g. {@code list_items}. */
        String kind();

        /**
         * Removes the personal data; returns the rows deleted or changed. {@code gate} present: only what that gate
         * sent (run again when the gate confirms its own purge, for entries that arrived in between); a step that
         * holds nothing of a gate's returns 0 then.
         */
        long run(Connection c, Optional<String> gate, Instant now) throws SQLException;
    }

    static final List<Step> STEPS = List.of(
            new ListItemsStep(),
            new EntryScrub(),
            deleteAll(
                    "dead_letters",
                    "DELETE FROM dead_letters",
                    "DELETE FROM dead_letters WHERE topic LIKE ?",
                    gate -> "gatepost/v1/gates/" + gate + "/%"),
            update(
                    "alert_messages",
                    "UPDATE alerts SET message = kind || ' at gate ' || gate"
                            + " || ' (details deleted at the end of the emergency)' WHERE entry_id IS NOT NULL"
                            + " AND message NOT LIKE '%(details deleted at the end of the emergency)'",
                    "gate = ?"),
            hubOnly("alert_notes", "UPDATE alert_actions SET note = '' WHERE note <> ''"),
            hubOnly(
                    "audit_details",
                    "UPDATE audit_log SET target = NULL, detail = NULL WHERE action IN"
                            + " ('trace-gate', 'trace-person', 'trace-export', 'alert-acknowledge', 'alert-resolve',"
                            + " 'pass-issue') AND (target IS NOT NULL OR detail IS NOT NULL)"),
            // Visitor passes (V8): the visitor's name and masked phone, and which entries each pass admitted.
            hubOnly("pass_uses", "DELETE FROM pass_uses"),
            hubOnly("passes", "DELETE FROM passes"));

    private PersonalData() {}

    /** What a {@link Step} runs. */
    @FunctionalInterface
    private interface Statements {
        long run(Connection c, Optional<String> gate, Instant now) throws SQLException;
    }

    private static Step named(String kind, Statements statements) {
        return new Step() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public long run(Connection c, Optional<String> gate, Instant now) throws SQLException {
                return statements.run(c, gate, now);
            }
        };
    }

    /** Deletes every row (hub-wide) or the gate's rows ({@code gateSql} with one parameter, {@code gateArg}). */
    static Step deleteAll(String kind, String allSql, String gateSql, UnaryOperator<String> gateArg) {
        return named(kind, (c, gate, now) -> {
            try (PreparedStatement ps = c.prepareStatement(gate.isPresent() ? gateSql : allSql)) {
                if (gate.isPresent()) {
                    ps.setString(1, gateArg.apply(gate.get()));
                }
                return ps.executeUpdate();
            }
        });
    }

    /** An update of every row, or with {@code AND gateCondition} (one parameter: the gate) for a gate. */
    static Step update(String kind, String sql, String gateCondition) {
        return named(kind, (c, gate, now) -> {
            try (PreparedStatement ps = c.prepareStatement(gate.isPresent() ? sql + " AND " + gateCondition : sql)) {
                if (gate.isPresent()) {
                    ps.setString(1, gate.get());
                }
                return ps.executeUpdate();
            }
        });
    }

    /** A statement that holds nothing a gate sends: run at the hub's purge only. */
    static Step hubOnly(String kind, String sql) {
        return named(kind, (c, gate, now) -> {
            if (gate.isPresent()) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                return ps.executeUpdate();
            }
        });
    }

    /**
     * The personal lists' items; each of those lists gets its next version, empty, so the publisher sends the
     * gates empty lists (which they apply as any new version).
     */
    private static final class ListItemsStep implements Step {
        @Override
        public String kind() {
            return "list_items";
        }

        @Override
        public long run(Connection c, Optional<String> gate, Instant now) throws SQLException {
            if (gate.isPresent()) {
                return 0;
            }
            String in = "list IN ('" + String.join("', '", PERSONAL_LISTS) + "')";
            long deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM list_items WHERE " + in)) {
                deleted = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE list_versions SET version = version + 1, published_at = ?, items = 0 WHERE " + in)) {
                ps.setString(1, Times.format(now));
                ps.executeUpdate();
            }
            return deleted;
        }
    }
}
