package org.gatepost.hub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HubStore} on a PostgreSQL server through a HikariCP pool. The statements are the package's portable ones;
 * what is PostgreSQL's own is here: the pool, the migrations' SQL ({@link Migrations#POSTGRESQL}), and telling a
 * server that is down (waited for) from a login that is refused (an error at once).
 *
 * <p>Thread safe. Writes are serialised within this hub (one at a time, each on a pooled connection in its own
 * transaction); reads run beside them on other pooled connections. A server that goes away makes calls fail
 * with {@link StoreException} after at most {@link #CONNECTION_TIMEOUT}; the pool reconnects by itself, and the
 * transitions are logged once each ({@code store unavailable ...}, {@code store available again ...}).
 *
 * <p>Several hub instances may share one database. Transactions run at READ COMMITTED; those that write a gate's
 * entries or status take the gate's advisory lock first ({@link HubTransaction#lockGates}), so writers of one gate
 * from different instances run one after the other; a transaction the server aborts as a deadlock or serialization
 * failure is run again ({@link #transact}).
 */
public final class PostgresHubStore extends SqlHubStore {
    private static final Logger log = LoggerFactory.getLogger(PostgresHubStore.class);
    /** How long a call waits for a pooled connection before it fails. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    static final int POOL_SIZE = 8;
    static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    static final Duration RETRY_MAX = Duration.ofSeconds(30);
    /** SQLSTATE of a transaction the server aborted to break a deadlock. */
    static final String DEADLOCK = "40P01";
    /** SQLSTATE of a transaction the server aborted because it could not be serialised with another. */
    static final String SERIALIZATION = "40001";
    /** Attempts of one transaction (the first and the retries) when it keeps failing with {@link #DEADLOCK} or {@link #SERIALIZATION}. */
    static final int MAX_ATTEMPTS = 5;

    static final long RETRY_PAUSE_MAX_MS = 20;

    private final HikariDataSource pool;
    private final String where;
    private final Object writeLock = new Object();
    private final AtomicLong retries = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean unavailable;

    private PostgresHubStore(HikariDataSource pool, String where) {
        super(GateLocks.ADVISORY);
        this.pool = pool;
        this.where = where;
    }

    /**
     * Connects and migrates the schema. Blocks while the server cannot be reached, retrying with backoff from
     * {@link #RETRY_FIRST} to {@link #RETRY_MAX} and logging each attempt; throws at once when the URL is not a
     * PostgreSQL one, the login is refused or the database does not exist, naming the configuration key.
     */
    static PostgresHubStore open(StoreSettings settings) throws StoreException {
        String url = settings.url().orElseThrow();
        String where = redact(url);
        if (!url.startsWith("jdbc:postgresql:") || Driver.parseURL(url, null) == null) {
            throw new StoreException(
                    "store.url is not a PostgreSQL JDBC URL" + " (jdbc:postgresql://host:port/database): " + where);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatepost-store");
        config.setJdbcUrl(url);
        settings.username().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        // Also the server's default, but the gate locks depend on it: each statement of an ingest transaction must
        // see what the previous holder of a gate's lock committed while this one waited (HubTransaction#lockGates).
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            int from = migrate(pool, where, settings.username().orElse(""));
            if (from != 0 && from < Migrations.CURRENT) {
                log.info("event=store-upgraded url={} from={} to={}", where, from, Migrations.CURRENT);
            }
        } catch (StoreException e) {
            pool.close();
            throw e;
        }
        log.info("event=store-opened backend=postgresql url={} schema={}", where, Migrations.CURRENT);
        return new PostgresHubStore(pool, where);
    }

    private static int migrate(HikariDataSource pool, String where, String user) throws StoreException {
        Duration wait = RETRY_FIRST;
        while (true) {
            try {
                return Migrations.translating(() -> Migrations.postgres(pool, where));
            } catch (StoreException e) {
                String state = sqlState(e);
                if (state != null && state.startsWith("28")) {
                    throw new StoreException(
                            "store.username/store.password: login refused for user '" + user + "' at " + where + " ("
                                    + rootMessage(e) + ")",
                            e);
                }
                if ("3D000".equals(state)) {
                    throw new StoreException(
                            "store.url: the database does not exist at " + where + " (" + rootMessage(e) + ")", e);
                }
                if (!unreachable(state)) {
                    throw e;
                }
                log.warn(
                        "event=store-unavailable action=waiting url={} retryInMs={} reason={}",
                        where,
                        wait.toMillis(),
                        rootMessage(e));
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for the store at " + where, ie);
                }
                wait = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
            }
        }
    }

    /** The URL without its query (which may carry a password). */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The innermost SQLSTATE of a failure, null when there is none (such as a pool timeout with no attempt). */
    static String sqlState(Throwable e) {
        String state = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                state = s.getSQLState();
            }
        }
        return state;
    }

    /** Connection failures (08), the server starting or stopping (57P), too many connections (53): retry. */
    static boolean unreachable(String state) {
        return state == null || state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).replace('\n', ' ');
    }

    /** Asks the server (at most {@link #CONNECTION_TIMEOUT}): reachable, and a primary rather than a standby. */
    @Override
    public boolean acceptsWrites() {
        if (closed) {
            return false;
        }
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            boolean primary = !rs.getBoolean(1);
            available();
            return primary;
        } catch (SQLException e) {
            failed(e);
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            pool.close();
            log.info("event=store-closed url={}", where);
        }
    }

    /**
     * Runs {@code work} in one transaction on a pooled connection, within this hub's write lock. When the server
     * aborts it as a deadlock victim ({@value #DEADLOCK}) or a serialization failure ({@value #SERIALIZATION}),
     * which another hub instance writing the same rows can cause, the whole work is rolled back and run again on a
     * fresh transaction, up to {@link #MAX_ATTEMPTS} times in all, after a short random pause (one log line per
     * retry); {@code work} must therefore have no effect outside the connection.
     */
    @Override
    public <T> T transact(String what, SqlWork<T> work) throws StoreException {
        synchronized (writeLock) {
            for (int attempt = 1; ; attempt++) {
                checkOpen();
                try {
                    return once(work);
                } catch (SQLException | RuntimeException e) {
                    String state = sqlState(e);
                    if (attempt < MAX_ATTEMPTS && retryable(state)) {
                        long pauseMs = retryPauseMs(attempt);
                        retries.incrementAndGet();
                        log.warn(
                                "event=store-transaction-retried what={} sqlState={} attempt={} of={} retryInMs={}"
                                        + " reason={}",
                                what,
                                state,
                                attempt,
                                MAX_ATTEMPTS,
                                pauseMs,
                                rootMessage(e));
                        pause(pauseMs);
                        continue;
                    }
                    failed(e);
                    throw new StoreException(what + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public void compact(String what, List<String> tables) throws StoreException {
        synchronized (writeLock) {
            checkOpen();
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM FULL " + String.join(", ", tables));
                }
            } catch (SQLException | RuntimeException e) {
                failed(e);
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            }
        }
        log.info("event=store-compacted url={} what={} tables={}", where, what, tables);
    }

    private <T> T once(SqlWork<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                available();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /** Deadlock detected and serialization failure: the server rolled the transaction back; running it again may pass. */
    static boolean retryable(String state) {
        return DEADLOCK.equals(state) || SERIALIZATION.equals(state);
    }

    /** Random in [1, {@link #RETRY_PAUSE_MAX_MS}] ms times the attempt number, so two colliding hubs drift apart. */
    private static long retryPauseMs(int attempt) {
        return attempt * ThreadLocalRandom.current().nextLong(1, RETRY_PAUSE_MAX_MS + 1);
    }

    private static void pause(long ms) throws StoreException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction", e);
        }
    }

    /** Transactions run again after a deadlock or serialization failure since the store opened. */
    @Override
    public long transactionRetries() {
        return retries.get();
    }

    @Override
    public <T> T query(String what, SqlWork<T> work) throws StoreException {
        checkOpen();
        try (Connection c = pool.getConnection()) {
            T result = work.run(c);
            available();
            return result;
        } catch (SQLException | RuntimeException e) {
            failed(e);
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private void failed(Exception e) {
        String state = sqlState(e);
        boolean down = e instanceof SQLTransientConnectionException || state != null && unreachable(state);
        if (down && !unavailable) {
            unavailable = true;
            log.warn("event=store-unavailable url={} reason={}", where, rootMessage(e));
        }
    }

    private void available() {
        if (unavailable) {
            unavailable = false;
            log.info("event=store-available-again url={}", where);
        }
    }

    private void checkOpen() throws StoreException {
        if (closed) {
            throw new StoreException("store " + where + " is closed");
        }
    }

    private void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.warn("event=store-rollback-failed url={} reason={}", where, e.getMessage());
        }
    }
}
