package org.gatepost.agent.store;

import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.EntryJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link EntryStore} on one SQLite file in WAL mode with {@code synchronous=FULL}, so a returned append
 * survives a power cut. The schema and the epoch are made when the file is created; a {@code meta} row
 * keeps the epoch, the gate, {@code next_seq} and {@code acked_up_to}.
 *
 * <p>Safe for concurrent use: one connection, every operation under one lock. The counters are cached
 * in memory after each commit, so {@link #ackedUpTo()}, {@link #lastSeq()} and {@link #unackedCount()}
 * never touch the disk. Acknowledged rows are kept (marked {@code acked}); nothing prunes them yet.
 */
public final class SqliteEntryStore implements EntryStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteEntryStore.class);
    private static final int SCHEMA_VERSION = 1;
    private static final int EPOCH_BYTES = 8;
    private static final int BUSY_TIMEOUT_MS = 5_000;

    private final Path file;
    private final String gateId;
    private final Clock clock;
    private final Connection conn;
    private final String epoch;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long nextSeq;
    private volatile long ackedUpTo;
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
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            configure(conn);
            String epoch = createOrCheckSchema(conn, gateId, clock);
            SqliteEntryStore store = new SqliteEntryStore(file, gateId, clock, conn, epoch);
            store.loadCounters();
            log.info("event=store-opened file={} gate={} epoch={} lastSeq={} ackedUpTo={}",
                    file, gateId, epoch, store.lastSeq(), store.ackedUpTo());
            return store;
        } catch (SQLException | IOException e) {
            closeQuietly(conn);
            throw new StoreException("cannot open store " + file + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            closeQuietly(conn);
            throw e;
        }
    }

    private static void configure(Connection conn) throws SQLException, StoreException {
        try (Statement st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException("SQLite refused WAL mode (got '" + mode + "')");
                }
            }
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
        }
    }

    /** Creates the schema and epoch in one transaction if {@code meta} is missing; returns the epoch. */
    private static String createOrCheckSchema(Connection conn, String gateId, Clock clock)
            throws SQLException, StoreException {
        Meta meta = readOrCreateMeta(conn, gateId, clock);
        if (meta.version() != SCHEMA_VERSION) {
            throw new StoreException("unsupported schema version " + meta.version() + " (expected " + SCHEMA_VERSION + ")");
        }
        if (!meta.gate().equals(gateId)) {
            throw new StoreException("store belongs to gate '" + meta.gate() + "', configured gate is '" + gateId
                    + "'; move the file aside to start a new epoch");
        }
        if (meta.created()) log.info("event=store-created gate={} epoch={}", gateId, meta.epoch());
        return meta.epoch();
    }

    private record Meta(String epoch, String gate, int version, boolean created) {
    }

    private static Meta readOrCreateMeta(Connection conn, String gateId, Clock clock) throws SQLException {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            boolean exists;
            try (ResultSet rs = st.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")) {
                exists = rs.next();
            }
            if (!exists) {
                st.execute("""
                        CREATE TABLE meta (
                          id          INTEGER PRIMARY KEY CHECK (id = 1),
                          epoch       TEXT    NOT NULL,
                          gate        TEXT    NOT NULL,
                          next_seq    INTEGER NOT NULL,
                          acked_up_to INTEGER NOT NULL,
                          created_at  TEXT    NOT NULL
                        )""");
                st.execute("""
                        CREATE TABLE outbox (
                          seq       INTEGER PRIMARY KEY,
                          id        TEXT    NOT NULL UNIQUE,
                          at        TEXT    NOT NULL,
                          decision  TEXT    NOT NULL,
                          payload   TEXT    NOT NULL,
                          acked     INTEGER NOT NULL DEFAULT 0,
                          stored_at TEXT    NOT NULL,
                          acked_at  TEXT
                        )""");
                try (PreparedStatement ps = conn.prepareStatement(
                        "INSERT INTO meta (id, epoch, gate, next_seq, acked_up_to, created_at) VALUES (1, ?, ?, 1, 0, ?)")) {
                    ps.setString(1, newEpoch());
                    ps.setString(2, gateId);
                    ps.setString(3, clock.instant().toString());
                    ps.executeUpdate();
                }
                st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
            String epoch;
            String gate;
            try (ResultSet rs = st.executeQuery("SELECT epoch, gate FROM meta WHERE id = 1")) {
                if (!rs.next()) throw new SQLException("meta row missing: not a Gatepost store");
                epoch = rs.getString(1);
                gate = rs.getString(2);
            }
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            conn.commit();
            return new Meta(epoch, gate, version, !exists);
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    private static String newEpoch() {
        byte[] bytes = new byte[EPOCH_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Reloads the counters from disk; after a failed write the in-memory copy may no longer be trusted. */
    private void loadCounters() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT next_seq, acked_up_to FROM meta WHERE id = 1")) {
            if (!rs.next()) throw new SQLException("meta row missing");
            nextSeq = rs.getLong(1);
            ackedUpTo = rs.getLong(2);
        }
    }

    @Override
    public Entry append(EntryDraft draft) throws StoreException {
        Objects.requireNonNull(draft, "draft");
        lock.lock();
        try {
            ensureOpen();
            long seq = nextSeq;
            Entry entry = new Entry(gateId, epoch, seq, draft);
            try {
                conn.setAutoCommit(false);
                try (PreparedStatement ins = conn.prepareStatement(
                        "INSERT INTO outbox (seq, id, at, decision, payload, acked, stored_at) VALUES (?, ?, ?, ?, ?, 0, ?)");
                     PreparedStatement upd = conn.prepareStatement(
                             "UPDATE meta SET next_seq = ? WHERE id = 1 AND next_seq = ?")) {
                    ins.setLong(1, seq);
                    ins.setString(2, entry.id());
                    ins.setString(3, EntryJson.AT_FORMAT.format(draft.at()));
                    ins.setString(4, draft.decision().wire());
                    ins.setString(5, EntryJson.toJson(entry));
                    ins.setString(6, clock.instant().toString());
                    ins.executeUpdate();
                    upd.setLong(1, seq + 1);
                    upd.setLong(2, seq);
                    if (upd.executeUpdate() != 1) throw new SQLException("next_seq changed under us");
                }
                conn.commit();
            } catch (SQLException e) {
                recoverAfterFailedWrite();
                throw new StoreException("append failed, seq " + seq + " not used: " + e.getMessage(), e);
            } finally {
                autoCommitQuietly();
            }
            nextSeq = seq + 1;
            return entry;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredEntry> unacked(long afterSeq, int limit) throws StoreException {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1: " + limit);
        lock.lock();
        try {
            ensureOpen();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT seq, payload, decision FROM outbox WHERE seq > ? AND acked = 0 ORDER BY seq LIMIT ?")) {
                ps.setLong(1, afterSeq);
                ps.setInt(2, limit);
                List<StoredEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredEntry(rs.getLong(1), rs.getString(2), Decision.fromWire(rs.getString(3))));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new StoreException("reading the outbox failed: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean acknowledge(String epoch, long upTo) throws StoreException {
        if (!this.epoch.equals(epoch)) return false;
        lock.lock();
        try {
            ensureOpen();
            long from = ackedUpTo;
            if (upTo <= from || upTo > nextSeq - 1) return false;
            try {
                conn.setAutoCommit(false);
                try (PreparedStatement rows = conn.prepareStatement(
                        "UPDATE outbox SET acked = 1, acked_at = ? WHERE seq > ? AND seq <= ?");
                     PreparedStatement meta = conn.prepareStatement(
                             "UPDATE meta SET acked_up_to = ? WHERE id = 1")) {
                    rows.setString(1, clock.instant().toString());
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
            ackedUpTo = upTo;
            return true;
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
            if (closed) return;
            closed = true;
            closeQuietly(conn);
            log.info("event=store-closed file={} lastSeq={} ackedUpTo={}", file, lastSeq(), ackedUpTo);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("store is closed: " + file);
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

    private void autoCommitQuietly() {
        try {
            conn.setAutoCommit(true);
        } catch (SQLException e) {
            log.warn("event=store-autocommit-reset-failed file={} cause=\"{}\"", file, e.toString());
        }
    }

    private static void closeQuietly(Connection conn) {
        if (conn == null) return;
        try {
            conn.close();
        } catch (SQLException ignored) {
            // Nothing useful to do: the file is left as SQLite's journal has it.
        }
    }
}
