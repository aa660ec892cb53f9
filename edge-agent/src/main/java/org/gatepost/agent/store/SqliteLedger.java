package org.gatepost.agent.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Entry;

/**
 * The ledger half of {@link SqliteEntryStore}: the {@link GateLedger} read from the tables of {@link LedgerTables}
 * in the outbox's file. {@link #write} adds an entry's exit, duty, retest, pass and last-scan rows inside the
 * transaction that appends the entry to the outbox, so a count never misses or double-counts an entry. Reads hold
 * the store's lock ({@link StoreConnection}).
 */
final class SqliteLedger implements GateLedger, SqliteOutbox.EntryRows {
    private final StoreConnection db;

    SqliteLedger(StoreConnection db) {
        this.db = db;
    }

    @Override
    public void write(Connection conn, Entry entry) throws SQLException {
        LedgerTables.record(conn, entry);
    }

    @Override
    public int exits(ListPolicy.ExitQuota.Per per, String key, Instant from, Instant to) throws StoreException {
        return db.execute("counting exits", conn -> LedgerTables.exits(conn, per, key, from, to));
    }

    @Override
    public List<OnDuty> duty() throws StoreException {
        return db.execute("reading the duty roster", LedgerTables::duty);
    }

    @Override
    public List<Retest> retests(Instant now, Duration expiry) throws StoreException {
        return db.execute("reading the pending retests", conn -> LedgerTables.retests(conn, now, expiry));
    }

    @Override
    public boolean passUsed(String id) throws StoreException {
        return db.execute("reading the pass record", conn -> LedgerTables.passUsed(conn, id));
    }

    @Override
    public List<LastScan> lastScans(Instant since) throws StoreException {
        return db.execute("reading the last scans", conn -> LedgerTables.lastScans(conn, since));
    }
}
