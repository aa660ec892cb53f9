package org.gatepost.hub.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * {@link HubStore} on one SQLite file: WAL journal checkpointed every {@value #WAL_AUTOCHECKPOINT_PAGES} pages,
 * {@code synchronous=FULL} (a commit survives power loss),
 * one writer connection and one reader connection, each used by one thread at a time. The SQL itself lives
 * in the package's portable statement classes; only the pragmas here are SQLite's own.
 *
 * <p>A write that fails is rolled back and its connection discarded; the next write opens a fresh one. SQLite
 * itself rolls a transaction back on some errors ({@code SQLITE_FULL}, I/O errors), after which the JDBC
 * driver's own rollback fails and the old connection would run every later statement outside any transaction
 * (issue #13: a full disk wedged the hub until restart). A full disk is followed by {@link #diskFull()}, and the
 * alert about it is recorded by the first write after space returns ({@link DiskFullWatch}).
 *
 * <p>Thread safe. Writes block while another write runs; reads run beside writes (WAL).
 */
public final class SqliteHubStore extends SqlHubStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteHubStore.class);
    /** Also stored in {@code PRAGMA user_version}, which hubs before versioned migrations check. */
    static final int SCHEMA_VERSION = Migrations.CURRENT;

    private static final int BUSY_TIMEOUT_MS = 5_000;
    /**
     * WAL pages after which a commit also checkpoints (SQLite's default is 1,000). With a thousand gates each
     * ingest group dirties index pages all over the file; checkpointing every ~40 MB instead of every ~4 MB writes
     * a page that several groups touched back once (figure 4 in docs/performance.md).
     */
    static final int WAL_AUTOCHECKPOINT_PAGES = 10_000;
    /** The WAL file is truncated back to this size after a checkpoint, so it does not stay at its largest. */
    static final long WAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

    private final Path file;
    private final Clock clock;
    private final Object writeLock = new Object();
    /** Null after a failed write until the next write reconnects; guarded by {@link #writeLock}. */
    private Connection writer;

    private final Connection reader;
    private final DiskFullWatch diskFull;
    private volatile boolean closed;
    private volatile boolean lastWriteFailed;

    private SqliteHubStore(Path file, Clock clock, Connection writer, Connection reader) {
        super(GateLocks.NONE);
        this.file = file;
        this.clock = clock;
        this.writer = writer;
        this.reader = reader;
        this.diskFull = new DiskFullWatch(file);
    }

    /** Opens (creating if needed, mode 600: {@link DatabaseFiles}) the database file and brings its schema up to date ({@link Migrations}); disk-full periods timed by the system clock. */
    public static SqliteHubStore open(Path file) throws StoreException {
        return open(file, Clock.systemUTC());
    }

    /** Opens (creating if needed) the database file and its tables; {@code clock} times disk-full periods. */
    public static SqliteHubStore open(Path file, Clock clock) throws StoreException {
        Connection w = null;
        try {
            DatabaseFiles.prepare(file);
            w = connect(file);
            try (Statement s = w.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                writerPragmas(s);
                int version = userVersion(s);
                int from = Migrations.translating(() -> Migrations.sqlite(dataSource(file), version, file.toString()));
                s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
                w.setAutoCommit(false);
                if (from != 0 && from < SCHEMA_VERSION) {
                    log.info("event=store-upgraded path={} from={} to={}", file, from, SCHEMA_VERSION);
                }
            }
            Connection r = connect(file);
            log.info("event=store-opened path={} schema={}", file, SCHEMA_VERSION);
            return new SqliteHubStore(file, clock, w, r);
        } catch (SQLException | IOException e) {
            closeQuietly(w);
            throw new StoreException("cannot open store " + file + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            closeQuietly(w);
            throw e;
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
        }
        return c;
    }

    /** For the migrations, which open their own connections. */
    private static DataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private static void writerPragmas(Statement s) throws SQLException {
        s.execute("PRAGMA wal_autocheckpoint=" + WAL_AUTOCHECKPOINT_PAGES);
        s.execute("PRAGMA journal_size_limit=" + WAL_SIZE_LIMIT_BYTES);
    }

    /** A writer connection like the one {@link #open} made, for after a failed write; reads only, so works on a full disk. */
    private static Connection reconnectWriter(Path file) throws SQLException {
        Connection c = connect(file);
        try (Statement s = c.createStatement()) {
            writerPragmas(s);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static int userVersion(Statement s) throws SQLException {
        try (var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Override
    public boolean acceptsWrites() {
        return !closed && !lastWriteFailed;
    }

    @Override
    public Optional<DiskFull> diskFull() {
        return diskFull.current();
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            synchronized (reader) {
                if (closed) {
                    return;
                }
                closed = true;
                closeQuietly(reader);
                closeQuietly(writer);
                writer = null;
                log.info("event=store-closed path={}", file);
            }
        }
    }

    @Override
    public void compact(String what, List<String> tables) throws StoreException {
        synchronized (writeLock) {
            checkOpen();
            synchronized (reader) {
                try {
                    Connection c = writer();
                    c.commit();
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA secure_delete=ON");
                        s.execute("VACUUM");
                        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    } finally {
                        c.setAutoCommit(false);
                    }
                } catch (SQLException | RuntimeException e) {
                    discardWriter();
                    throw new StoreException(what + " failed: " + e.getMessage(), e);
                }
            }
        }
        log.info("event=store-compacted path={} what={}", file, what);
    }

    /**
     * One write transaction on the single writer connection (ingest and the operator stores alike), so writers never
     * race for SQLite's write lock.
     */
    @Override
    public <T> T transact(String what, SqlWork<T> work) throws StoreException {
        synchronized (writeLock) {
            checkOpen();
            T result;
            try {
                Connection c = writer();
                result = work.run(c);
                c.commit();
                lastWriteFailed = false;
            } catch (SQLException | RuntimeException e) {
                lastWriteFailed = e instanceof SQLException s && cannotWrite(s);
                diskFull.failed(e, clock.instant());
                discardWriter();
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            }
            diskFull.committed(clock.instant());
            recordDiskFullAlerts();
            return result;
        }
    }

    private Connection writer() throws SQLException {
        if (writer == null) {
            writer = reconnectWriter(file);
            log.info("event=store-writer-reconnected path={}", file);
        }
        return writer;
    }

    /** Rolls back what SQLite still holds and drops the connection, whose transaction state is now unknown. */
    private void discardWriter() {
        if (writer == null) {
            return;
        }
        rollbackQuietly();
        closeQuietly(writer);
        writer = null;
    }

    /** Records ended disk-full periods as resolved alerts; on failure they wait for the next successful write. */
    private void recordDiskFullAlerts() {
        List<DiskFullWatch.Episode> episodes = diskFull.unrecorded();
        if (episodes.isEmpty()) {
            return;
        }
        try {
            Connection c = writer();
            for (DiskFullWatch.Episode e : episodes) {
                DiskFullAlerts.record(c, e);
            }
            c.commit();
            diskFull.recorded(episodes);
            log.warn(
                    "event=alert-raised kind={} gate={} since={} until={} writesRefused={}",
                    AlertKind.HUB_DISK_FULL,
                    DiskFull.ALERT_GATE,
                    episodes.getFirst().since(),
                    episodes.getLast().until(),
                    episodes.stream()
                            .mapToLong(DiskFullWatch.Episode::writesRefused)
                            .sum());
        } catch (SQLException | RuntimeException e) {
            log.warn(
                    "event=store-disk-full-alert-not-recorded action=retry-after-next-write path={} reason={}",
                    file,
                    e.getMessage());
            discardWriter();
        }
    }

    /** Statements on the reader connection. */
    @Override
    public <T> T query(String what, SqlWork<T> work) throws StoreException {
        synchronized (reader) {
            checkOpen();
            try {
                return work.run(reader);
            } catch (SQLException | RuntimeException e) {
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Whether a failure says the file takes no writes now (busy, read-only, I/O error, corrupt, full, cannot
     * open), as opposed to a statement refused for its data.
     */
    static boolean cannotWrite(SQLException e) {
        return switch (e.getErrorCode() & 0xff) {
            case 5, 6, 8, 10, 11, 13, 14 -> true;
            default -> false;
        };
    }

    private void checkOpen() throws StoreException {
        if (closed) {
            throw new StoreException("store " + file + " is closed");
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            log.warn("event=store-rollback-failed path={} reason={}", file, e.getMessage());
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            log.warn("event=store-close-failed reason={}", e.getMessage());
        }
    }
}
