package org.gatepost.agent.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one SQLite connection and the one lock every operation of {@link SqliteEntryStore} holds, outbox,
 * ledger and purges alike: {@link #locked} and {@link #execute} run under the lock on the open store, and
 * {@link #transaction} commits a write whole or rolls it back whole. After {@link #close} the operations throw
 * {@link IllegalStateException}.
 *
 * <p>Safe for concurrent use (that is the lock's work); every operation may block on disk I/O.
 */
final class StoreConnection {
    private static final Logger log = LoggerFactory.getLogger(SqliteEntryStore.class);

    /** SQL work on the connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection conn) throws SQLException;
    }

    /** Work under the lock, failing as the store does. */
    @FunctionalInterface
    interface Locked<T> {
        T run() throws StoreException;
    }

    private final Path file;
    private final Connection conn;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    StoreConnection(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    Path file() {
        return file;
    }

    /** The connection, for a caller that holds the lock (inside {@link #locked}) or has not shared the store yet. */
    Connection conn() {
        return conn;
    }

    /** Runs {@code work} under the lock; throws {@link IllegalStateException} when the store is closed. */
    <T> T locked(Locked<T> work) throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} under the lock, each statement committing alone (autocommit); an SQL error or a row that
     * cannot be read becomes a {@link StoreException} "{@code what} failed: …".
     */
    <T> T execute(String what, Work<T> work) throws StoreException {
        return locked(() -> {
            try {
                return work.run(conn);
            } catch (SQLException | DateTimeException | IllegalArgumentException e) {
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Runs {@code work} as one transaction; the caller holds the lock. On any failure rolls the transaction back,
     * runs {@code afterRollback} (what the caller keeps in memory of the disk may no longer be true) and rethrows.
     * Autocommit is on again afterwards, whatever happened.
     */
    <T> T transaction(Work<T> work, Runnable afterRollback) throws SQLException {
        try {
            conn.setAutoCommit(false);
            T result = work.run(conn);
            conn.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            // Roll back before autocommit is switched on again, which would commit.
            try {
                conn.rollback();
            } catch (SQLException r) {
                log.warn("event=store-rollback-failed file={} cause=\"{}\"", file, r.toString());
            }
            afterRollback.run();
            throw e;
        } finally {
            try {
                conn.setAutoCommit(true);
            } catch (SQLException e) {
                log.warn("event=store-autocommit-reset-failed file={} cause=\"{}\"", file, e.toString());
            }
        }
    }

    /**
     * Runs {@code lastWrites} under the lock, then closes the connection. Idempotent.
     *
     * @return whether this call closed it (false: it was closed already, and {@code lastWrites} did not run)
     */
    boolean close(Runnable lastWrites) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            lastWrites.run();
            closeQuietly(conn);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed: " + file);
        }
    }

    static void closeQuietly(Connection conn) {
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
