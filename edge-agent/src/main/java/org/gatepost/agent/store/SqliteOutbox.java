package org.gatepost.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gatepost.agent.contract.EntryJson;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox half of {@link SqliteEntryStore}: table {@code outbox} (each entry with the JSON it is sent as, marked
 * {@code acked} once the hub acknowledged it) and the counters of table {@code meta}, the {@link EntryStore}
 * contract's sequence numbers and acknowledgements.
 *
 * <p><b>Disk writes.</b> An append commits its rows alone: the next seq is derived when the file is opened (the
 * highest of {@code meta.next_seq}, the last row + 1 and {@code acked_up_to} + 1, since only acknowledged rows are
 * ever deleted) and {@code meta.next_seq} is written on close, not on every append. Acknowledgements take effect in
 * memory at once and reach the disk at most every {@link #ACK_PERSIST_INTERVAL} (and on close and before a purge):
 * after a crash the entries acknowledged since are sent again, which the hub stores once.
 *
 * <p>Every operation holds the store's lock ({@link StoreConnection}); the counters are cached in memory after each
 * commit, so {@link #ackedUpTo()}, {@link #lastSeq()} and {@link #unackedCount()} never touch the disk.
 */
final class SqliteOutbox {
    private static final Logger log = LoggerFactory.getLogger(SqliteEntryStore.class);
    /** How often at most an acknowledgement is written to disk. */
    static final Duration ACK_PERSIST_INTERVAL = Duration.ofSeconds(10);

    /** Further rows an appended entry makes, written in the transaction that appends it (the ledger's). */
    @FunctionalInterface
    interface EntryRows {
        void write(Connection conn, Entry entry) throws SQLException;
    }

    private final StoreConnection db;
    private final String gateId;
    private final Clock clock;
    private final String epoch;
    private final EntryRows entryRows;
    private volatile long nextSeq;
    private volatile long ackedUpTo;
    /** The acknowledgement on disk and when it was written. Under the lock. */
    private long ackedOnDisk;

    private Instant ackPersistedAt = Instant.MIN;

    /** Reads the counters; {@code db} is not shared yet. */
    SqliteOutbox(StoreConnection db, String gateId, Clock clock, String epoch, EntryRows entryRows)
            throws SQLException {
        this.db = db;
        this.gateId = gateId;
        this.clock = clock;
        this.epoch = epoch;
        this.entryRows = entryRows;
        loadCounters();
    }

    /**
     * Reloads the counters from disk; after a failed write the in-memory copy may no longer be trusted. An
     * acknowledgement held in memory only is kept: the hub did acknowledge it.
     */
    private void loadCounters() throws SQLException {
        try (Statement st = db.conn().createStatement();
                ResultSet rs = st.executeQuery("SELECT max(next_seq, coalesce((SELECT max(seq) FROM outbox), 0) + 1,"
                        + " acked_up_to + 1), acked_up_to FROM meta WHERE id = 1")) {
            if (!rs.next()) {
                throw new SQLException("meta row missing");
            }
            nextSeq = rs.getLong(1);
            ackedOnDisk = rs.getLong(2);
            ackedUpTo = Math.max(ackedUpTo, ackedOnDisk);
        }
    }

    /** After a rolled-back write: the counters as the disk has them. Under the lock. */
    void reloadCountersQuietly() {
        try {
            loadCounters();
        } catch (SQLException e) {
            log.warn("event=store-reload-failed file={} cause=\"{}\"", db.file(), e.toString());
        }
    }

    /** {@link SqliteEntryStore#appendAll}. */
    List<Entry> appendAll(List<EntryDraft> drafts) throws StoreException {
        for (EntryDraft d : drafts) {
            Objects.requireNonNull(d, "draft");
        }
        if (drafts.isEmpty()) {
            return List.of();
        }
        return db.locked(() -> {
            long first = nextSeq;
            List<Entry> entries;
            try {
                entries = db.transaction(conn -> insert(conn, first, drafts), this::reloadCountersQuietly);
            } catch (SQLException e) {
                throw new StoreException("append failed, seq " + first + " not used: " + e.getMessage(), e);
            }
            nextSeq = first + entries.size();
            return entries;
        });
    }

    private List<Entry> insert(Connection conn, long first, List<EntryDraft> drafts) throws SQLException {
        List<Entry> entries = new ArrayList<>(drafts.size());
        try (PreparedStatement ins = conn.prepareStatement(
                "INSERT INTO outbox (seq, id, at, decision, payload, acked, stored_at) VALUES (?, ?, ?, ?, ?, 0, ?)")) {
            String storedAt = clock.instant().toString();
            for (EntryDraft draft : drafts) {
                Entry entry = new Entry(gateId, epoch, first + entries.size(), draft);
                ins.setLong(1, entry.seq());
                ins.setString(2, entry.id());
                ins.setString(3, EntryJson.AT_FORMAT.format(draft.at()));
                ins.setString(4, draft.decision().wire());
                ins.setString(5, EntryJson.toJson(entry));
                ins.setString(6, storedAt);
                ins.executeUpdate();
                entryRows.write(conn, entry);
                entries.add(entry);
            }
        }
        return entries;
    }

    /** {@link EntryStore#unacked}. */
    List<StoredEntry> unacked(long afterSeq, int limit) throws StoreException {
        requireAtLeastOne("limit", limit);
        return db.execute("reading the outbox", conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT seq, payload, decision FROM outbox WHERE seq > ? AND acked = 0 ORDER BY seq LIMIT ?")) {
                ps.setLong(1, Math.max(afterSeq, ackedUpTo)); // rows acknowledged in memory only still say acked = 0
                ps.setInt(2, limit);
                return rows(ps);
            }
        });
    }

    /** {@link EntryStore#range}. */
    List<StoredEntry> range(long from, long to, int limit) throws StoreException {
        requireAtLeastOne("limit", limit);
        return db.execute("reading seq " + from + ".." + to, conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT seq, payload, decision FROM outbox WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.setInt(3, limit);
                return rows(ps);
            }
        });
    }

    /** {@link EntryStore#oldestUnackedAt}. */
    Instant oldestUnackedAt() throws StoreException {
        return db.execute("reading the oldest unacknowledged entry", conn -> {
            try (PreparedStatement ps =
                    conn.prepareStatement("SELECT at FROM outbox WHERE seq > ? AND acked = 0 ORDER BY seq LIMIT 1")) {
                ps.setLong(1, ackedUpTo);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Instant.parse(rs.getString(1)) : null;
                }
            }
        });
    }

    /** {@link EntryStore#acknowledge}: in memory at once, on disk at most every {@link #ACK_PERSIST_INTERVAL}. */
    boolean acknowledge(String epoch, long upTo) throws StoreException {
        if (!this.epoch.equals(epoch)) {
            return false;
        }
        return db.locked(() -> {
            if (upTo <= ackedUpTo || upTo > nextSeq - 1) {
                return false;
            }
            ackedUpTo = upTo;
            if (!clock.instant().isBefore(ackPersistedAt.plus(ACK_PERSIST_INTERVAL))) {
                persistAcks();
            }
            return true;
        });
    }

    /** Writes the acknowledgement held in memory to disk, if it is ahead. Under the lock. */
    void persistAcks() throws StoreException {
        long from = ackedOnDisk;
        long upTo = ackedUpTo;
        if (upTo <= from) {
            return;
        }
        Instant now = clock.instant();
        try {
            db.transaction(
                    conn -> {
                        try (PreparedStatement rows = conn.prepareStatement(
                                        "UPDATE outbox SET acked = 1, acked_at = ? WHERE seq > ? AND seq <= ?");
                                PreparedStatement meta =
                                        conn.prepareStatement("UPDATE meta SET acked_up_to = ? WHERE id = 1")) {
                            rows.setString(1, now.toString());
                            rows.setLong(2, from);
                            rows.setLong(3, upTo);
                            rows.executeUpdate();
                            meta.setLong(1, upTo);
                            return meta.executeUpdate();
                        }
                    },
                    this::reloadCountersQuietly);
        } catch (SQLException e) {
            throw new StoreException("acknowledge up to " + upTo + " failed: " + e.getMessage(), e);
        }
        ackedOnDisk = upTo;
        ackPersistedAt = now;
    }

    /** {@link SqliteEntryStore#purgeAcknowledged}. */
    int purgeAcknowledged(Instant ackedBefore, int maxRows) throws StoreException {
        requireAtLeastOne("maxRows", maxRows);
        return db.locked(() -> {
            persistAcks();
            return db.execute("purging acknowledged entries", conn -> {
                // julianday() compares instants written with any number of fraction digits correctly; text would not.
                try (PreparedStatement ps = conn.prepareStatement("""
                        DELETE FROM outbox WHERE seq IN (
                          SELECT seq FROM outbox
                          WHERE seq <= ? AND acked = 1 AND julianday(acked_at) < julianday(?)
                          ORDER BY seq LIMIT ?)""")) {
                    ps.setLong(1, ackedUpTo);
                    ps.setString(2, ackedBefore.toString());
                    ps.setInt(3, maxRows);
                    return ps.executeUpdate();
                }
            });
        });
    }

    /** {@link SqliteEntryStore#reclaimFreePages}. */
    long reclaimFreePages(int maxPages) throws StoreException {
        requireAtLeastOne("maxPages", maxPages);
        return db.locked(() -> {
            db.execute("incremental vacuum", conn -> {
                try (Statement st = conn.createStatement()) {
                    // Each step frees one page and yields an empty row; executeUpdate steps to the end (execute
                    // would stop after the first page, and executeQuery refuses a statement without columns).
                    return st.executeUpdate("PRAGMA incremental_vacuum(" + maxPages + ")");
                }
            });
            return db.execute("reading the free page count", conn -> {
                try (Statement st = conn.createStatement();
                        ResultSet rs = st.executeQuery("PRAGMA freelist_count")) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            });
        });
    }

    /** The database file plus its write-ahead log; a file that cannot be measured counts 0. */
    long sizeBytes() {
        Path file = db.file();
        return sizeOf(file) + sizeOf(file.resolveSibling(file.getFileName() + "-wal"));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    long ackedUpTo() {
        return ackedUpTo;
    }

    long lastSeq() {
        return nextSeq - 1;
    }

    long unackedCount() {
        long acked = ackedUpTo;
        return Math.max(0, nextSeq - 1 - acked);
    }

    String epoch() {
        return epoch;
    }

    /** On close, under the lock: the acknowledgement held in memory and {@code next_seq} (for a reader of meta). */
    void writeCountersQuietly() {
        try {
            persistAcks();
        } catch (StoreException e) {
            log.warn(
                    "event=store-ack-write-failed file={} ackedUpTo={} cause=\"{}\"",
                    db.file(),
                    ackedUpTo,
                    e.getMessage());
        }
        try (PreparedStatement ps =
                db.conn().prepareStatement("UPDATE meta SET next_seq = ? WHERE id = 1 AND next_seq < ?")) {
            ps.setLong(1, nextSeq);
            ps.setLong(2, nextSeq);
            ps.executeUpdate();
        } catch (SQLException e) {
            log.warn(
                    "event=store-next-seq-write-failed file={} nextSeq={} cause=\"{}\"",
                    db.file(),
                    nextSeq,
                    e.toString());
        }
    }

    private static List<StoredEntry> rows(PreparedStatement ps) throws SQLException {
        List<StoredEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredEntry(rs.getLong(1), rs.getString(2), Decision.fromWire(rs.getString(3))));
            }
        }
        return out;
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }
}
