package org.gatepost.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.HeartbeatMessage;
import org.gatepost.hub.contract.StatusMessage;

/**
 * The writer's view of the store inside one transaction ({@link HubStore#transaction}): everything done through
 * it commits together or not at all. Valid only during the {@link TransactionWork} it was given to, and only on
 * that thread; reads see the transaction's own writes. A method that throws {@link StoreException} dooms the
 * whole transaction (the caller should let the exception propagate).
 */
public interface HubTransaction {

    /**
     * Takes this transaction's locks on {@code gates}, waiting while another transaction (of this or another hub
     * instance on the same database) holds one; they are released when the transaction ends. Writers of a gate
     * that hold its lock run one after the other, so each sees what the previous one committed (its entries, its
     * high-water mark). Call it first, before any read or write of those gates, with every gate the transaction
     * will touch, once: the locks are taken in the set's order, so transactions never deadlock on them. A
     * backend with a single writer (SQLite) takes nothing.
     */
    void lockGates(SortedSet<String> gates) throws StoreException;

    /** As {@link HubStore#commitEntry}, inside this transaction. */
    EntryCommit entry(EntryMessage entry, Instant receivedAt, List<NewAlert> alerts) throws StoreException;

    /**
     * Stores a run of entries, such as a batch: {@code run} is at least one entry, all of one gate and epoch, in
     * ascending consecutive {@code seq} order ({@link IllegalArgumentException} otherwise, before any write);
     * {@code alerts.get(i)} are the alerts of {@code run.get(i)}. The stored rows (entries, alerts, the gate's
     * {@code epoch} and {@code last_entry_at}, the high-water mark) end up as if {@link #entry} had been called for
     * each entry in order, but the gate and the mark are written once for the run. Returns one commit per entry,
     * in order: {@code inserted}, {@code alertsRaised} and {@code conflicting} exactly as {@link #entry} would report them (a duplicate
     * raises nothing), while {@code upTo} is, for every entry, the mark after the whole run (so it can be above the
     * entry's own {@code seq} and above what {@link #entry} would have reported for the earlier entries).
     */
    List<EntryCommit> entries(List<EntryMessage> run, Instant receivedAt, List<List<NewAlert>> alerts)
            throws StoreException;

    /** As {@link HubStore#commitStatus}, inside this transaction. */
    StatusCommit status(StatusMessage status, Instant receivedAt, StatusPolicy policy) throws StoreException;

    void deadLetter(DeadLetter letter) throws StoreException;

    /**
     * Records that the entry {@code entryId} (decision {@code admit-visitor}, made at {@code at}) used the visitor
     * pass {@code passId}, once per entry id, and returns what the hub knew of the pass before.
     */
    default PassUse passUse(String passId, String entryId, String gate, Instant at, Instant receivedAt)
            throws StoreException {
        throw new UnsupportedOperationException("passUse");
    }

    /** Raises {@code alert} unless its {@code dedupeKey} was raised before; returns true when it was raised now. */
    boolean raise(NewAlert alert, Instant at) throws StoreException;

    /** The gate's latest stored heartbeat. */
    Optional<GateHealth> health(String gate) throws StoreException;

    /** Replaces the gate's stored heartbeat; a gate never seen before is added (state {@code unknown}). */
    void storeHealth(HeartbeatMessage heartbeat, Instant receivedAt) throws StoreException;

    // --- conditions: states that raise one alert when they begin and resolve it when they end ---

    /** Names of the gate's open conditions. */
    Set<String> openConditions(String gate) throws StoreException;

    /** Every open condition: gate id to condition names. */
    Map<String, Set<String>> openConditions() throws StoreException;

    /**
     * Opens a condition of the gate and raises {@code alert} for it, unless the condition is already open.
     * Returns true when it opened (one alert per opening, however often it is called while open).
     */
    boolean openCondition(String gate, String condition, ConditionAlert alert, Instant at) throws StoreException;

    /**
     * Closes an open condition and resolves its alert (unless an operator already did). Returns false when the
     * condition was not open.
     */
    boolean closeCondition(String gate, String condition, Instant at) throws StoreException;

    // --- queries for the periodic checks ---

    /**
     * For each gate's current epoch (by its entries, and by its last heartbeat) that has entries above its
     * high-water mark, or whose last heartbeat reports {@code acked_up_to} above the mark: the gap, up to the highest
     * stored seq or that heartbeat's {@code last_seq}, whichever is higher.
     */
    List<EpochGap> gaps() throws StoreException;

    /** The gap of one gate and epoch as {@link #gaps} finds it, empty when there is none. */
    Optional<EpochGap> gap(String gate, String epoch) throws StoreException;

    /**
     * The first {@code limit} runs of missing seq above {@code upTo}, ascending; each ends below a stored entry,
     * except the last, which may run from above the highest stored seq up to the {@code last_seq} of a heartbeat
     * that reports {@code acked_up_to} above {@code upTo} (see {@link #gaps}).
     */
    List<Hole> holes(String gate, String epoch, long upTo, int limit) throws StoreException;

    /** Gates whose last status is {@code online} and that have sent at least one heartbeat. */
    List<HeartbeatDue> heartbeatsOfOnlineGates() throws StoreException;

    /** Deletes up to {@code limit} entries received before {@code cutoff}, oldest first; returns how many. */
    int purgeEntriesReceivedBefore(Instant cutoff, int limit) throws StoreException;
}
