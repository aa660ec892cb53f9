package org.gatepost.hub.store;

import java.util.List;

/**
 * The hub's database as the package's operator stores use it: one write transaction at a time, serialised with
 * ingest, and reads beside it. Implemented by each backend ({@link SqliteHubStore}, {@link PostgresHubStore});
 * the statements themselves are the same on both.
 */
interface Database {
    /** Runs {@code work} in one write transaction, committed when it returns; blocks while another write runs. */
    <T> T transact(String what, SqlWork<T> work) throws StoreException;

    /** Runs read-only statements; may run beside a write. */
    <T> T query(String what, SqlWork<T> work) throws StoreException;

    /**
     * Rewrites the storage so that deleted and overwritten rows leave no bytes in the database files (SQLite: the
     * whole file, {@code VACUUM} and a truncating WAL checkpoint; PostgreSQL: {@code VACUUM FULL} of {@code tables}).
     * Blocks writes while it runs; outside any transaction. Both backends override it; the default is for
     * single-connection stand-ins in tests, which have nothing to compact.
     */
    default void compact(String what, List<String> tables) throws StoreException {
        throw new UnsupportedOperationException(
                "compact is not supported by " + getClass().getSimpleName());
    }
}
