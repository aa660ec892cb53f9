package org.gatepost.hub.store;

import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.StatusMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link HubStore} on one SQLite file: WAL journal checkpointed every {@value #WAL_AUTOCHECKPOINT_PAGES} pages,
 * {@code synchronous=FULL} (a commit survives power loss),
 * one writer connection and one reader connection, each used by one thread at a time. The SQL itself lives
 * in the package's portable statement classes; only the pragmas here are SQLite's own.
 *
 * <p>Thread safe. Writes block while another write runs; reads run beside writes (WAL).
 */
public final class SqliteHubStore implements HubStore, Database {
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
    private final Connection writer;
    private final Connection reader;
    private volatile boolean closed;
    private volatile boolean lastWriteFailed;

    private SqliteHubStore(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens (creating if needed, mode 600: {@link DatabaseFiles}) the database file and brings its schema up to date ({@link Migrations}). */
    public static SqliteHubStore open(Path file) throws StoreException {
        Connection w = null;
        try {
            DatabaseFiles.prepare(file);
            w = connect(file);
            try (Statement s = w.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA wal_autocheckpoint=" + WAL_AUTOCHECKPOINT_PAGES);
                s.execute("PRAGMA journal_size_limit=" + WAL_SIZE_LIMIT_BYTES);
                int version = userVersion(s);
                int from = Migrations.translating(() -> Migrations.sqlite(dataSource(file), version, file.toString()));
                s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
                w.setAutoCommit(false);
                if (from != 0 && from < SCHEMA_VERSION) {
                    log.info("store upgraded path={} from={} to={}", file, from, SCHEMA_VERSION);
                }
            }
            Connection r = connect(file);
            log.info("store opened path={} schema={}", file, SCHEMA_VERSION);
            return new SqliteHubStore(file, w, r);
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

    private static int userVersion(Statement s) throws SQLException {
        try (var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Override
    public EntryCommit commitEntry(EntryMessage entry, Instant receivedAt, List<NewAlert> alerts)
            throws StoreException {
        return write("store entry", c -> EntryWrites.commit(c, entry, receivedAt, alerts));
    }

    @Override
    public StatusCommit commitStatus(StatusMessage status, Instant receivedAt, StatusPolicy policy)
            throws StoreException {
        return write("store status", c -> StatusWrites.commit(c, status, receivedAt, policy));
    }

    @Override
    public void recordDeadLetter(DeadLetter letter) throws StoreException {
        write("store dead letter", c -> {
            DeadLetterWrites.insert(c, letter);
            return null;
        });
    }

    @Override
    public List<GateView> gates(Instant countSince) throws StoreException {
        return read("read gates", c -> Queries.gates(c, countSince));
    }

    @Override
    public List<EntryView> recentEntries(Optional<String> gate, int limit) throws StoreException {
        return read("read entries", c -> Queries.entries(c, gate, limit));
    }

    @Override
    public List<AlertView> recentAlerts(Optional<String> gate, int limit) throws StoreException {
        return read("read alerts", c -> Queries.alerts(c, gate, limit));
    }

    @Override
    public long ackedUpTo(String gate, String epoch) throws StoreException {
        return read("read progress", c -> EntryWrites.progress(c, gate, epoch));
    }

    @Override
    public StoreCounts counts() throws StoreException {
        return read("read counts", Queries::counts);
    }

    @Override
    public <T> T transaction(TransactionWork<T> work) throws StoreException {
        StoreException[] failed = new StoreException[1];
        try {
            return write("transaction", c -> {
                try (StatementCache statements = new StatementCache(c)) {
                    SqlTransaction tx = new SqlTransaction(statements.connection());
                    try {
                        return work.run(tx);
                    } catch (StoreException e) {
                        failed[0] = e;
                        throw new SQLException(e.getMessage(), e);
                    } finally {
                        tx.end();
                    }
                }
            });
        } catch (StoreException e) {
            throw failed[0] != null ? failed[0] : e;
        }
    }

    @Override
    public List<GateHealth> gateHealth() throws StoreException {
        return read("read heartbeats", HealthWrites::all);
    }

    @Override
    public List<DeadLetterView> deadLetters(int limit) throws StoreException {
        return read("read dead letters", c -> WatchQueries.deadLetters(c, limit));
    }

    @Override
    public boolean acceptsWrites() {
        return !closed && !lastWriteFailed;
    }

    @Override
    public void close() {
        synchronized (writer) {
            synchronized (reader) {
                if (closed) {
                    return;
                }
                closed = true;
                closeQuietly(reader);
                closeQuietly(writer);
                log.info("store closed path={}", file);
            }
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * For the package's operator stores (accounts, alert actions, search): one write transaction on the single
     * writer connection, serialised with ingest, so the two never race for SQLite's write lock.
     */
    @Override
    public <T> T transact(String what, SqlWork<T> work) throws StoreException {
        return write(what, work::run);
    }

    /** For the package's operator stores: statements on the reader connection. */
    @Override
    public <T> T query(String what, SqlWork<T> work) throws StoreException {
        return read(what, work::run);
    }

    private <T> T write(String what, Work<T> work) throws StoreException {
        synchronized (writer) {
            checkOpen();
            try {
                T result = work.run(writer);
                writer.commit();
                lastWriteFailed = false;
                return result;
            } catch (SQLException | RuntimeException e) {
                lastWriteFailed = e instanceof SQLException s && cannotWrite(s);
                rollbackQuietly();
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            }
        }
    }

    private <T> T read(String what, Work<T> work) throws StoreException {
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
            log.warn("store rollback failed path={} reason={}", file, e.getMessage());
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            log.warn("store close failed reason={}", e.getMessage());
        }
    }
}
