package org.gatepost.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.gatepost.agent.contract.EntryJson;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EntryStore} on one SQLite file in WAL mode with {@code synchronous=FULL}, so a returned append
 * survives a power cut. The schema and the epoch are made when the file is created; a {@code meta} row
 * keeps the epoch, the gate, {@code next_seq} and {@code acked_up_to}.
 *
 * <p><b>Disk writes.</b> An append commits its row alone: the next seq is derived when the file is opened
 * (the highest of {@code meta.next_seq}, the last row + 1 and {@code acked_up_to} + 1, since only acknowledged
 * rows are ever deleted) and {@code meta.next_seq} is written on {@link #close()}, not on every append.
 * Acknowledgements take effect in memory at once and reach the disk at most every
 * {@link #ACK_PERSIST_INTERVAL} (and on close and before a purge): after a crash the entries acknowledged
 * since are sent again, which the hub stores once. Each durable commit dirties whole pages, so these are what
 * keep the bytes written per entry near one bare commit (docs/performance.md, figure 6).
 *
 * <p>Safe for concurrent use: one connection, every operation under one lock. The counters are cached
 * in memory after each commit, so {@link #ackedUpTo()}, {@link #lastSeq()} and {@link #unackedCount()}
 * never touch the disk. Acknowledged rows are kept (marked {@code acked}) until {@link #purgeAcknowledged}
 * deletes them, a bounded number per transaction; unacknowledged rows are never deleted. A file created by
 * this version uses incremental auto-vacuum, so {@link #reclaimFreePages} can return freed pages to the
 * file system a few at a time; the whole file is never rewritten.
 *
 * <p>It is also the gate's {@link GateLedger}: an entry's exit or duty change is written in the transaction
 * that appends it (tables {@code exits} and {@code duty}, added to older files when opened). And it keeps the
 * end-of-emergency purges (table {@code purges}): {@link #purgePersonalData} deletes every outbox row and the
 * ledger's tables once every entry is acknowledged, and rewrites the file.
 */
public final class SqliteEntryStore implements EntryStore, GateLedger, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteEntryStore.class);
    /** How often at most an acknowledgement is written to disk. */
    static final Duration ACK_PERSIST_INTERVAL = Duration.ofSeconds(10);

    private final Path file;
    private final String gateId;
    private final Clock clock;
    private final Connection conn;
    private final String epoch;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long nextSeq;
    private volatile long ackedUpTo;
    /** The acknowledgement on disk and when it was written. Under the lock. */
    private long ackedOnDisk;

    private Instant ackPersistedAt = Instant.MIN;
    private boolean closed;

    private SqliteEntryStore(Path file, String gateId, Clock clock, Connection conn, String epoch) {
        this.file = file;
        this.gateId = gateId;
        this.clock = clock;
        this.conn = conn;
        this.epoch = epoch;
    }

    /**
     * Opens the store at {@code file}, creating the file, its schema and a new random epoch if it does not
     * exist yet. Blocks on disk I/O.
     *
     * @throws StoreException if the file cannot be opened, is not a Gatepost store, or belongs to another gate
     */
    public static SqliteEntryStore open(Path file, String gateId, Clock clock) throws StoreException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(gateId, "gateId");
        Objects.requireNonNull(clock, "clock");
        Connection conn = null;
        try {
            DatabaseFiles.prepare(file);
            conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            StoreSchema.configure(conn);
            String epoch = StoreSchema.createOrCheckSchema(conn, gateId, clock);
            LedgerTables.create(conn);
            PurgeTables.create(conn);
            SqliteEntryStore store = new SqliteEntryStore(file, gateId, clock, conn, epoch);
            store.loadCounters();
            log.info(
                    "event=store-opened file={} gate={} epoch={} lastSeq={} ackedUpTo={}",
                    file,
                    gateId,
                    epoch,
                    store.lastSeq(),
                    store.ackedUpTo());
            return store;
        } catch (SQLException | IOException e) {
            closeQuietly(conn);
            throw new StoreException("cannot open store " + file + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            closeQuietly(conn);
            throw e;
        }
    }

    /**
     * Reloads the counters from disk; after a failed write the in-memory copy may no longer be trusted. An
     * acknowledgement held in memory only is kept: the hub did acknowledge it.
     */
    private void loadCounters() throws SQLException {
        try (Statement st = conn.createStatement();
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

    @Override
    public Entry append(EntryDraft draft) throws StoreException {
        Objects.requireNonNull(draft, "draft");
        return appendAll(List.of(draft)).getFirst();
    }

    /**
     * Commits several drafts with consecutive seqs in one transaction: all of them or, if it throws, none
     * (and no seq is used up). For importing, and for building a large backlog quickly in tests;
     * {@link #append} is this with one draft.
     */
    public List<Entry> appendAll(List<EntryDraft> drafts) throws StoreException {
        for (EntryDraft d : drafts) {
            Objects.requireNonNull(d, "draft");
        }
        if (drafts.isEmpty()) {
            return List.of();
        }
        lock.lock();
        try {
            ensureOpen();
            long first = nextSeq;
            List<Entry> entries = new ArrayList<>(drafts.size());
            try {
                conn.setAutoCommit(false);
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
                        LedgerTables.record(conn, entry);
                        entries.add(entry);
                    }
                }
                conn.commit();
            } catch (SQLException e) {
                recoverAfterFailedWrite();
                throw new StoreException("append failed, seq " + first + " not used: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                recoverAfterFailedWrite(); // roll back before autocommit is switched on again, which would commit
                throw e;
            } finally {
                autoCommitQuietly();
            }
            nextSeq = first + entries.size();
            return entries;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredEntry> unacked(long afterSeq, int limit) throws StoreException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        lock.lock();
        try {
            ensureOpen();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT seq, payload, decision FROM outbox WHERE seq > ? AND acked = 0 ORDER BY seq LIMIT ?")) {
                ps.setLong(1, Math.max(afterSeq, ackedUpTo)); // rows acknowledged in memory only still say acked = 0
                ps.setInt(2, limit);
                return read(ps);
            } catch (SQLException e) {
                throw new StoreException("reading the outbox failed: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean acknowledge(String epoch, long upTo) throws StoreException {
        if (!this.epoch.equals(epoch)) {
            return false;
        }
        lock.lock();
        try {
            ensureOpen();
            if (upTo <= ackedUpTo || upTo > nextSeq - 1) {
                return false;
            }
            ackedUpTo = upTo;
            if (!clock.instant().isBefore(ackPersistedAt.plus(ACK_PERSIST_INTERVAL))) {
                persistAcks();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the acknowledgement held in memory to disk, if it is ahead. Under the lock. */
    private void persistAcks() throws StoreException {
        long from = ackedOnDisk;
        long upTo = ackedUpTo;
        if (upTo <= from) {
            return;
        }
        Instant now = clock.instant();
        try {
            conn.setAutoCommit(false);
            try (PreparedStatement rows = conn.prepareStatement(
                            "UPDATE outbox SET acked = 1, acked_at = ? WHERE seq > ? AND seq <= ?");
                    PreparedStatement meta = conn.prepareStatement("UPDATE meta SET acked_up_to = ? WHERE id = 1")) {
                rows.setString(1, now.toString());
                rows.setLong(2, from);
                rows.setLong(3, upTo);
                rows.executeUpdate();
                meta.setLong(1, upTo);
                meta.executeUpdate();
            }
            conn.commit();
        } catch (SQLException e) {
            recoverAfterFailedWrite();
            throw new StoreException("acknowledge up to " + upTo + " failed: " + e.getMessage(), e);
        } finally {
            autoCommitQuietly();
        }
        ackedOnDisk = upTo;
        ackPersistedAt = now;
    }

    @Override
    public List<StoredEntry> range(long from, long to, int limit) throws StoreException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        lock.lock();
        try {
            ensureOpen();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT seq, payload, decision FROM outbox WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.setInt(3, limit);
                return read(ps);
            } catch (SQLException e) {
                throw new StoreException("reading seq " + from + ".." + to + " failed: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Instant oldestUnackedAt() throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            try (PreparedStatement ps =
                    conn.prepareStatement("SELECT at FROM outbox WHERE seq > ? AND acked = 0 ORDER BY seq LIMIT 1")) {
                ps.setLong(1, ackedUpTo);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Instant.parse(rs.getString(1)) : null;
                }
            } catch (SQLException | DateTimeParseException e) {
                throw new StoreException("reading the oldest unacknowledged entry failed: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The database file plus its write-ahead log; a file that cannot be measured counts 0. */
    @Override
    public long sizeBytes() {
        return sizeOf(file) + sizeOf(file.resolveSibling(file.getFileName() + "-wal"));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Deletes up to {@code maxRows} acknowledged entries, oldest first, whose acknowledgement is older than
     * {@code ackedBefore}, in one transaction. Unacknowledged entries are never deleted. Blocks on disk I/O and
     * holds the store's lock for that one transaction only, so call it repeatedly for a large backlog.
     *
     * @return the number of entries deleted
     */
    public int purgeAcknowledged(Instant ackedBefore, int maxRows) throws StoreException {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1: " + maxRows);
        }
        lock.lock();
        try {
            ensureOpen();
            persistAcks();
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
            } catch (SQLException e) {
                throw new StoreException("purging acknowledged entries failed: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns up to {@code maxPages} free database pages to the file system (incremental vacuum). Does nothing
     * for a file created before incremental auto-vacuum was switched on.
     *
     * @return the number of free pages left in the file
     */
    public long reclaimFreePages(int maxPages) throws StoreException {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1: " + maxPages);
        }
        lock.lock();
        try {
            ensureOpen();
            try (Statement st = conn.createStatement()) {
                // Each step frees one page and yields an empty row; executeUpdate steps to the end (execute would
                // stop after the first page, and executeQuery refuses a statement without columns).
                st.executeUpdate("PRAGMA incremental_vacuum(" + maxPages + ")");
            } catch (SQLException e) {
                throw new StoreException("incremental vacuum failed: " + e.getMessage(), e);
            }
            try (Statement st = conn.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA freelist_count")) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            } catch (SQLException e) {
                throw new StoreException("reading the free page count failed: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records the end-of-emergency purge {@code id} as received (docs/security.md, "End of the emergency").
     *
     * @return the report of that purge when it is done already (a repeated command), else empty
     */
    public Optional<String> purgeReceived(String id, Instant at) throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            if (PurgeTables.received(conn, id, at)) {
                return Optional.empty();
            }
            return PurgeTables.report(conn, id);
        } catch (SQLException e) {
            throw new StoreException("recording purge " + id + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The purges received and not done yet, oldest first. */
    public List<String> pendingPurges() throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            return PurgeTables.pending(conn);
        } catch (SQLException e) {
            throw new StoreException("reading pending purges failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Does the purge {@code id} in one transaction, only when every entry is acknowledged (the hub holds them all,
     * so no count is lost): deletes every outbox row and the personal tables ({@link PurgeTables#PERSONAL_TABLES}),
     * adds their counts to {@code counts}, and records the purge done with {@code report.apply(counts)}. Then
     * {@link #compact}s the file. Blocks on disk I/O (the whole file is rewritten).
     *
     * @return the report, or empty (nothing deleted) while entries are unacknowledged
     */
    public Optional<String> purgePersonalData(
            String id, Instant now, Map<String, Long> counts, Function<Map<String, Long>, String> report)
            throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            if (unackedCount() > 0) {
                return Optional.empty();
            }
            persistAcks();
            String text;
            try {
                conn.setAutoCommit(false);
                counts.putAll(PurgeTables.delete(conn, ackedUpTo));
                text = report.apply(counts);
                PurgeTables.done(conn, id, now, text);
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                recoverAfterFailedWrite();
                throw new StoreException("purge " + id + " failed: " + e.getMessage(), e);
            } finally {
                autoCommitQuietly();
            }
            compact();
            return Optional.of(text);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Rewrites the whole file ({@code VACUUM}) and empties the write-ahead log ({@code wal_checkpoint(TRUNCATE)}), so
     * deleted rows leave no bytes in either file. Blocks on disk I/O; other connections to the file must be idle.
     */
    public void compact() throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            try (Statement st = conn.createStatement()) {
                st.execute("PRAGMA secure_delete=ON");
                st.execute("VACUUM");
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                throw new StoreException("compacting " + file + " failed: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int exits(ListPolicy.ExitQuota.Per per, String key, Instant from, Instant to) throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            return LedgerTables.exits(conn, per, key, from, to);
        } catch (SQLException e) {
            throw new StoreException("counting exits failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Retest> retests(Instant now, Duration expiry) throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            return LedgerTables.retests(conn, now, expiry);
        } catch (SQLException e) {
            throw new StoreException("reading the pending retests failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean passUsed(String id) throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            return LedgerTables.passUsed(conn, id);
        } catch (SQLException e) {
            throw new StoreException("reading the pass record failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<LastScan> lastScans(Instant since) throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            return LedgerTables.lastScans(conn, since);
        } catch (SQLException | IllegalArgumentException e) {
            throw new StoreException("reading the last scans failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OnDuty> duty() throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            return LedgerTables.duty(conn);
        } catch (SQLException | DateTimeParseException e) {
            throw new StoreException("reading the duty roster failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long ackedUpTo() {
        return ackedUpTo;
    }

    @Override
    public long lastSeq() {
        return nextSeq - 1;
    }

    @Override
    public long unackedCount() {
        long acked = ackedUpTo;
        return Math.max(0, nextSeq - 1 - acked);
    }

    @Override
    public String epoch() {
        return epoch;
    }

    /** Closes the connection; later calls throw {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writeCountersQuietly();
            closeQuietly(conn);
            log.info("event=store-closed file={} lastSeq={} ackedUpTo={}", file, lastSeq(), ackedUpTo);
        } finally {
            lock.unlock();
        }
    }

    private static List<StoredEntry> read(PreparedStatement ps) throws SQLException {
        List<StoredEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredEntry(rs.getLong(1), rs.getString(2), Decision.fromWire(rs.getString(3))));
            }
        }
        return out;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed: " + file);
        }
    }

    private void recoverAfterFailedWrite() {
        try {
            conn.rollback();
        } catch (SQLException e) {
            log.warn("event=store-rollback-failed file={} cause=\"{}\"", file, e.toString());
        }
        try {
            loadCounters();
        } catch (SQLException e) {
            log.warn("event=store-reload-failed file={} cause=\"{}\"", file, e.toString());
        }
    }

    /** On close: the acknowledgement held in memory and {@code next_seq} (for a reader of {@code meta}). */
    private void writeCountersQuietly() {
        try {
            persistAcks();
        } catch (StoreException e) {
            log.warn("event=store-ack-write-failed file={} ackedUpTo={} cause=\"{}\"", file, ackedUpTo, e.getMessage());
        }
        try (PreparedStatement ps =
                conn.prepareStatement("UPDATE meta SET next_seq = ? WHERE id = 1 AND next_seq < ?")) {
            ps.setLong(1, nextSeq);
            ps.setLong(2, nextSeq);
            ps.executeUpdate();
        } catch (SQLException e) {
            log.warn("event=store-next-seq-write-failed file={} nextSeq={} cause=\"{}\"", file, nextSeq, e.toString());
        }
    }

    private void autoCommitQuietly() {
        try {
            conn.setAutoCommit(true);
        } catch (SQLException e) {
            log.warn("event=store-autocommit-reset-failed file={} cause=\"{}\"", file, e.toString());
        }
    }

    private static void closeQuietly(Connection conn) {
        if (conn == null) {
            return;
        }
        try {
            conn.close();
        } catch (SQLException ignored) {
            // Nothing useful to do: the file is left as SQLite's journal has it.
        }
    }
}
