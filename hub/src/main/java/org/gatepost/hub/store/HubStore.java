package org.gatepost.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.StatusMessage;

/**
 * The hub's durable state: entries, per-epoch progress, gates, alerts and dead letters.
 *
 * <p>Each write is one transaction: when a method returns, its effects are committed (durable); when it
 * throws {@link StoreException}, nothing of it was. Implementations are safe for concurrent use; writes are
 * serialised, reads may run beside them. No method stores or returns a full ID number.
 */
public interface HubStore extends AutoCloseable {

    /**
     * Stores an entry if {@code (gate, epoch, seq)} is new; only then raises {@code alerts} (each at most once
     * per dedupe key) and advances the epoch's contiguous high-water mark — all in one transaction.
     * A duplicate changes nothing and reports the current high-water mark, and whether its content differs from
     * the stored entry's ({@link EntryCommit#conflicting}).
     */
    EntryCommit commitEntry(EntryMessage entry, Instant receivedAt, List<NewAlert> alerts) throws StoreException;

    /** Applies a gate status as {@code policy} decides, in one transaction with the decision's alerts. */
    StatusCommit commitStatus(StatusMessage status, Instant receivedAt, StatusPolicy policy) throws StoreException;

    void recordDeadLetter(DeadLetter letter) throws StoreException;

    /** All gates by id, with entry counts overall and since {@code countSince}. */
    List<GateView> gates(Instant countSince) throws StoreException;

    /** Newest first (by hub receive time, then seq); {@code limit} ≥ 1. */
    List<EntryView> recentEntries(Optional<String> gate, int limit) throws StoreException;

    /** Newest first; {@code limit} ≥ 1. */
    List<AlertView> recentAlerts(Optional<String> gate, int limit) throws StoreException;

    /** The contiguous high-water mark of an epoch: every seq {@code 1..n} is stored; 0 when seq 1 is not. */
    long ackedUpTo(String gate, String epoch) throws StoreException;

    StoreCounts counts() throws StoreException;

    /** Characters of a dead letter's payload that {@link #deadLetters} returns. */
    int DEAD_LETTER_PREVIEW_CHARS = 1024;

    /**
     * Runs {@code work} in one write transaction: committed when it returns normally, rolled back when it throws.
     * Blocks while another write runs. The {@link HubTransaction} must not be used after {@code work} returns.
     */
    <T> T transaction(TransactionWork<T> work) throws StoreException;

    /**
     * Alerts neither resolved nor acknowledged ({@link AlertState#OPEN}), counted by kind; kinds without any are
     * absent. One grouped query (docs/metrics.md). Stores that cannot tell (fakes) say none.
     */
    default Map<String, Long> openAlertsByKind() throws StoreException {
        return Map.of();
    }

    /** The latest heartbeat of every gate that has sent one, by gate id. */
    List<GateHealth> gateHealth() throws StoreException;

    /** Dead letters newest first, payload cut to {@link #DEAD_LETTER_PREVIEW_CHARS}; {@code limit} ≥ 1. */
    List<DeadLetterView> deadLetters(int limit) throws StoreException;

    /**
     * The {@code retest} entries received at or after {@code since} whose credential has no later deciding entry
     * (one received after it whose decision is not {@code retest}, {@code sign-in} or {@code sign-out}), oldest
     * first: what {@link org.gatepost.hub.lists.PendingRetests} makes the pending-retests list of.
     */
    List<RetestEntry> openRetests(Instant since) throws StoreException;

    /**
     * Whether the database accepts writes now: for a file, no write has failed since the last one that
     * committed; for a server, it answers and is a primary. Blocks for at most a few seconds; never throws.
     */
    boolean acceptsWrites();

    /**
     * The disk is full: the last write failed because of it and none has committed since. Fast; callable from any
     * thread. Stores that cannot tell (fakes) say never.
     */
    default Optional<DiskFull> diskFull() {
        return Optional.empty();
    }

    /**
     * Transactions run again because the database aborted them to resolve a conflict with another writer (a
     * deadlock or serialization failure: several hub instances on one PostgreSQL) since the store opened. Stores
     * with a single writer never retry: 0.
     */
    default long transactionRetries() {
        return 0;
    }

    /** Releases the database; later calls throw {@link StoreException}. Idempotent. */
    @Override
    void close();
}
