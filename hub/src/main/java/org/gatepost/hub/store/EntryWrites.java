package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;

/** The entry transaction's statements, portable SQL; run inside the caller's transaction. */
final class EntryWrites {
    private EntryWrites() {}

    static EntryCommit commit(Connection c, EntryMessage e, Instant receivedAt, List<NewAlert> alerts)
            throws SQLException {
        return commitRun(c, List.of(e), receivedAt, List.of(alerts)).get(0);
    }

    /**
     * Stores a run of entries as {@link HubTransaction#entries} describes: each entry inserted (and its alerts
     * raised) unless already stored, then the gate touched once if any was inserted, then the high-water mark
     * moved once. The mark can only move when the run holds seq {@code mark + 1}: the mark is always the end of
     * the contiguous stored run from seq 1, so that entry is never stored before and this run inserts it.
     */
    static List<EntryCommit> commitRun(
            Connection c, List<EntryMessage> run, Instant receivedAt, List<List<NewAlert>> alerts) throws SQLException {
        checkRun(run, alerts);
        boolean[] inserted = new boolean[run.size()];
        boolean[] conflicting = new boolean[run.size()];
        int[] raised = new int[run.size()];
        boolean any = false;
        for (int i = 0; i < run.size(); i++) {
            EntryMessage e = run.get(i);
            if (insert(c, e, receivedAt)) {
                inserted[i] = true;
                any = true;
                for (NewAlert a : alerts.get(i)) {
                    if (AlertWrites.raise(c, a, receivedAt)) {
                        raised[i]++;
                    }
                }
            } else {
                conflicting[i] = !sameAsStored(c, e);
            }
        }
        EntryMessage first = run.get(0);
        if (any) {
            touchGate(c, first, receivedAt);
        }
        long upTo = advance(
                c,
                first.gate(),
                first.epoch(),
                first.seq(),
                run.get(run.size() - 1).seq());
        List<EntryCommit> commits = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            commits.add(new EntryCommit(inserted[i], raised[i], upTo, conflicting[i]));
        }
        return commits;
    }

    private static void checkRun(List<EntryMessage> run, List<List<NewAlert>> alerts) {
        if (run.isEmpty() || alerts.size() != run.size()) {
            throw new IllegalArgumentException("a run needs at least one entry and one alert list per entry, got "
                    + run.size() + " entries and " + alerts.size() + " alert lists");
        }
        EntryMessage first = run.get(0);
        for (int i = 1; i < run.size(); i++) {
            EntryMessage e = run.get(i);
            if (!e.gate().equals(first.gate()) || !e.epoch().equals(first.epoch()) || e.seq() != first.seq() + i) {
                throw new IllegalArgumentException(
                        "run entry " + i + " is not seq " + (first.seq() + i) + " of the first entry's gate and epoch");
            }
        }
    }

    /**
     * Whether the stored entry of {@code e}'s key has exactly {@code e}'s content (an exact resend), judged by the
     * canonical payload; true when nothing is stored under the key.
     */
    private static boolean sameAsStored(Connection c, EntryMessage e) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT payload FROM entries WHERE gate = ? AND epoch = ? AND seq = ?")) {
            ps.setString(1, e.gate());
            ps.setString(2, e.epoch());
            ps.setLong(3, e.seq());
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || rs.getString(1).equals(ContractJson.canonical(e));
            }
        }
    }

    static long progress(Connection c, String gate, String epoch) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT up_to FROM gate_progress WHERE gate = ? AND epoch = ?")) {
            ps.setString(1, gate);
            ps.setString(2, epoch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static boolean insert(Connection c, EntryMessage e, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO entries (gate, epoch, seq, entry_id, at, received_at, clock_synced,
                  credential_kind, credential_hash, credential_masked,
                  body_c, object_c, ambient_c, offset_c, samples, decision, threshold_c, payload,
                  %s)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %s)
                ON CONFLICT (gate, epoch, seq) DO NOTHING""".formatted(RuleColumns.NAMES, RuleColumns.PLACEHOLDERS))) {
            int i = 0;
            ps.setString(++i, e.gate());
            ps.setString(++i, e.epoch());
            ps.setLong(++i, e.seq());
            ps.setString(++i, e.id());
            ps.setString(++i, Times.format(e.at()));
            ps.setString(++i, Times.format(receivedAt));
            ps.setInt(++i, e.clockSynced() ? 1 : 0);
            EntryMessage.Credential cr = e.credential();
            ps.setString(++i, cr == null ? null : cr.kind());
            ps.setString(++i, cr == null ? null : cr.hash());
            ps.setString(++i, cr == null ? null : cr.masked());
            EntryMessage.Temperature t = e.temperature();
            if (t == null) {
                for (int k = 0; k < 4; k++) {
                    ps.setNull(++i, Types.DOUBLE);
                }
                ps.setNull(++i, Types.INTEGER);
            } else {
                ps.setDouble(++i, t.bodyC());
                ps.setDouble(++i, t.objectC());
                if (t.ambientC() == null) {
                    ps.setNull(++i, Types.DOUBLE);
                } else {
                    ps.setDouble(++i, t.ambientC());
                }
                ps.setDouble(++i, t.offsetC());
                ps.setInt(++i, t.samples());
            }
            ps.setString(++i, e.decision());
            ps.setDouble(++i, e.thresholdC());
            ps.setString(++i, ContractJson.canonical(e));
            RuleColumns.bind(ps, i, e);
            return ps.executeUpdate() == 1;
        }
    }

    private static void touchGate(Connection c, EntryMessage e, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO gates (gate, state, epoch, last_entry_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (gate) DO UPDATE SET epoch = excluded.epoch, last_entry_at = excluded.last_entry_at""")) {
            ps.setString(1, e.gate());
            ps.setString(2, GateState.UNKNOWN);
            ps.setString(3, e.epoch());
            ps.setString(4, Times.format(receivedAt));
            ps.executeUpdate();
        }
    }

    /**
     * Moves the high-water mark over the contiguous stored run that the entries {@code firstSeq..lastSeq}, just
     * stored, may have completed: only when {@code mark + 1} lies within them. Returns the mark after.
     */
    private static long advance(Connection c, String gate, String epoch, long firstSeq, long lastSeq)
            throws SQLException {
        long current = progress(c, gate, epoch);
        long next = current + 1;
        if (next < firstSeq || next > lastSeq) {
            return current;
        }
        long upTo;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT e.seq FROM entries e
                WHERE e.gate = ? AND e.epoch = ? AND e.seq >= ?
                  AND NOT EXISTS (SELECT 1 FROM entries n
                                  WHERE n.gate = e.gate AND n.epoch = e.epoch AND n.seq = e.seq + 1)
                ORDER BY e.seq LIMIT 1""")) {
            ps.setString(1, gate);
            ps.setString(2, epoch);
            ps.setLong(3, next);
            upTo = Rows.number(ps);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO gate_progress (gate, epoch, up_to) VALUES (?, ?, ?)
                ON CONFLICT (gate, epoch) DO UPDATE SET up_to = excluded.up_to
                WHERE gate_progress.up_to < excluded.up_to""")) {
            ps.setString(1, gate);
            ps.setString(2, epoch);
            ps.setLong(3, upTo);
            ps.executeUpdate();
        }
        return upTo;
    }
}
