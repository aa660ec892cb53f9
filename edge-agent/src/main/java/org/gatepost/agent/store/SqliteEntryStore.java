package org.gatepost.agent.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EntryStore} and {@link GateLedger} on one SQLite file in WAL mode with {@code synchronous=FULL}, so a
 * returned append survives a power cut. The schema and the epoch are made when the file is created
 * ({@link StoreSchema}); a {@code meta} row keeps the epoch, the gate, {@code next_seq} and {@code acked_up_to}.
 *
 * <p>Three parts share one connection and one lock ({@link StoreConnection}):
 * <ul>
 *   <li>the outbox ({@link SqliteOutbox}): appends, reads for sending and resending, acknowledgements, and the
 *       deletion of acknowledged rows ({@link #purgeAcknowledged}, a bounded number per transaction; unacknowledged
 *       rows are never deleted) with {@link #reclaimFreePages} to return the freed pages a few at a time (a file
 *       created by this version uses incremental auto-vacuum; the whole file is never rewritten for this);
 *   <li>the ledger ({@link SqliteLedger}): an entry's exit, duty, retest and last-scan rows, written in the
 *       transaction that appends the entry (tables added to older files when opened);
 *   <li>the end-of-emergency purges ({@link SqlitePurges}, table {@code purges}): {@link #purgePersonalData}
 *       deletes every outbox row and the ledger's tables once every entry is acknowledged, and rewrites the file.
 * </ul>
 *
 * <p>Safe for concurrent use: every operation holds the one lock. {@link #ackedUpTo()}, {@link #lastSeq()} and
 * {@link #unackedCount()} never touch the disk. Each durable commit dirties whole pages, so the outbox's counters
 * are written lazily (see {@link SqliteOutbox}), which keeps the bytes written per entry near one bare commit
 * (docs/performance.md, figure 6).
 */
public final class SqliteEntryStore implements EntryStore, GateLedger, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteEntryStore.class);
    /** How often at most an acknowledgement is written to disk. */
    static final Duration ACK_PERSIST_INTERVAL = SqliteOutbox.ACK_PERSIST_INTERVAL;

    private final StoreConnection db;
    private final SqliteOutbox outbox;
    private final SqliteLedger ledger;
    private final SqlitePurges purges;

    private SqliteEntryStore(StoreConnection db, SqliteOutbox outbox, SqliteLedger ledger) {
        this.db = db;
        this.outbox = outbox;
        this.ledger = ledger;
        this.purges = new SqlitePurges(db, outbox);
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
            StoreConnection db = new StoreConnection(file, conn);
            SqliteLedger ledger = new SqliteLedger(db);
            SqliteEntryStore store =
                    new SqliteEntryStore(db, new SqliteOutbox(db, gateId, clock, epoch, ledger), ledger);
            log.info(
                    "event=store-opened file={} gate={} epoch={} lastSeq={} ackedUpTo={}",
                    file,
                    gateId,
                    epoch,
                    store.lastSeq(),
                    store.ackedUpTo());
            return store;
        } catch (SQLException | IOException e) {
            StoreConnection.closeQuietly(conn);
            throw new StoreException("cannot open store " + file + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            StoreConnection.closeQuietly(conn);
            throw e;
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
        return outbox.appendAll(drafts);
    }

    @Override
    public List<StoredEntry> unacked(long afterSeq, int limit) throws StoreException {
        return outbox.unacked(afterSeq, limit);
    }

    @Override
    public boolean acknowledge(String epoch, long upTo) throws StoreException {
        return outbox.acknowledge(epoch, upTo);
    }

    @Override
    public List<StoredEntry> range(long from, long to, int limit) throws StoreException {
        return outbox.range(from, to, limit);
    }

    @Override
    public Instant oldestUnackedAt() throws StoreException {
        return outbox.oldestUnackedAt();
    }

    /** The database file plus its write-ahead log; a file that cannot be measured counts 0. */
    @Override
    public long sizeBytes() {
        return outbox.sizeBytes();
    }

    /**
     * Deletes up to {@code maxRows} acknowledged entries, oldest first, whose acknowledgement is older than
     * {@code ackedBefore}, in one transaction. Unacknowledged entries are never deleted. Blocks on disk I/O and
     * holds the store's lock for that one transaction only, so call it repeatedly for a large backlog.
     *
     * @return the number of entries deleted
     */
    public int purgeAcknowledged(Instant ackedBefore, int maxRows) throws StoreException {
        return outbox.purgeAcknowledged(ackedBefore, maxRows);
    }

    /**
     * Returns up to {@code maxPages} free database pages to the file system (incremental vacuum). Does nothing
     * for a file created before incremental auto-vacuum was switched on.
     *
     * @return the number of free pages left in the file
     */
    public long reclaimFreePages(int maxPages) throws StoreException {
        return outbox.reclaimFreePages(maxPages);
    }

    /**
     * Records the end-of-emergency purge {@code id} as received (docs/security.md, "End of the emergency").
     *
     * @return the report of that purge when it is done already (a repeated command), else empty
     */
    public Optional<String> purgeReceived(String id, Instant at) throws StoreException {
        return purges.received(id, at);
    }

    /** The purges received and not done yet, oldest first. */
    public List<String> pendingPurges() throws StoreException {
        return purges.pending();
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
        return purges.purgePersonalData(id, now, counts, report);
    }

    /**
     * Rewrites the whole file ({@code VACUUM}) and empties the write-ahead log ({@code wal_checkpoint(TRUNCATE)}), so
     * deleted rows leave no bytes in either file. Blocks on disk I/O; other connections to the file must be idle.
     */
    public void compact() throws StoreException {
        purges.compact();
    }

    @Override
    public int exits(ListPolicy.ExitQuota.Per per, String key, Instant from, Instant to) throws StoreException {
        return ledger.exits(per, key, from, to);
    }

    @Override
    public List<Retest> retests(Instant now, Duration expiry) throws StoreException {
        return ledger.retests(now, expiry);
    }

    @Override
    public boolean passUsed(String id) throws StoreException {
        return ledger.passUsed(id);
    }

    @Override
    public List<LastScan> lastScans(Instant since) throws StoreException {
        return ledger.lastScans(since);
    }

    @Override
    public List<OnDuty> duty() throws StoreException {
        return ledger.duty();
    }

    @Override
    public long ackedUpTo() {
        return outbox.ackedUpTo();
    }

    @Override
    public long lastSeq() {
        return outbox.lastSeq();
    }

    @Override
    public long unackedCount() {
        return outbox.unackedCount();
    }

    @Override
    public String epoch() {
        return outbox.epoch();
    }

    /**
     * Writes the acknowledgement held in memory and {@code next_seq}, then closes the connection; later calls throw
     * {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        if (db.close(outbox::writeCountersQuietly)) {
            log.info("event=store-closed file={} lastSeq={} ackedUpTo={}", db.file(), lastSeq(), ackedUpTo());
        }
    }
}
