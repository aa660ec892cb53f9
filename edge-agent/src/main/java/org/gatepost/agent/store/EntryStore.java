package org.gatepost.agent.store;

import java.time.Instant;
import java.util.List;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;

/**
 * The gate's durable outbox: every decided entry is committed here before the gate signals, and stays
 * until the hub acknowledges it (see {@code docs/mqtt.md}, "Delivery guarantee").
 *
 * <p><b>Durability.</b> {@link #append} returns only after the entry is committed to disk; an entry it
 * returned survives a process kill and a power cut. Sequence numbers belong to the store's {@link #epoch()}
 * and run 1, 2, 3, … without a gap or a repeat, also across restarts.
 *
 * <p><b>Threading.</b> Implementations are safe for concurrent use: typically the checkpoint thread appends
 * while the uplink thread reads and acknowledges. Every method may block on disk I/O; none waits on the network.
 */
public interface EntryStore extends AutoCloseable {

    /**
     * Gives the draft the next sequence number and commits it together with its schema-v1 JSON.
     *
     * @return the committed entry
     * @throws StoreException if the commit failed; then nothing was stored and the sequence number is not used up
     */
    Entry append(EntryDraft draft) throws StoreException;

    /**
     * Unacknowledged entries with {@code seq > afterSeq}, in sequence order, at most {@code limit} of them.
     */
    List<StoredEntry> unacked(long afterSeq, int limit) throws StoreException;

    /**
     * Entries still held with {@code from <= seq <= to}, acknowledged or not, in sequence order, at most
     * {@code limit} of them. Acknowledged entries are held until they are purged (see the implementation), so
     * an entry the hub lost can be sent again on request.
     */
    List<StoredEntry> range(long from, long to, int limit) throws StoreException;

    /** The decision time ({@code at}) of the oldest unacknowledged entry, or null when there is none. */
    Instant oldestUnackedAt() throws StoreException;

    /** Bytes the store occupies on disk now (database and journal files). Never throws; 0 if unknown. */
    long sizeBytes();

    /**
     * Marks every entry with {@code seq <= upTo} delivered (the hub's cumulative acknowledgement).
     * Ignored, returning false, when {@code epoch} is not this store's epoch, when {@code upTo} is not above
     * {@link #ackedUpTo()}, or when it is above {@link #lastSeq()} (the hub claims entries this store never made).
     *
     * @return whether {@link #ackedUpTo()} advanced
     */
    boolean acknowledge(String epoch, long upTo) throws StoreException;

    /** Highest acknowledged seq; 0 when nothing is acknowledged yet. Does not touch the disk. */
    long ackedUpTo();

    /** Highest committed seq; 0 for an empty store. Does not touch the disk. */
    long lastSeq();

    /** Number of committed entries not yet acknowledged. Does not touch the disk. */
    long unackedCount();

    /** The store's epoch: 16 lowercase hex digits, made when the database file was created, never changed. */
    String epoch();

    /** Releases the store. Later calls throw {@link IllegalStateException}; closing twice does nothing. */
    @Override
    void close();
}
