package org.gatepost.hub.store;

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
}
