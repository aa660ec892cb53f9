package org.gatepost.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lists the hub publishes to the gates, each kept as its current version only (a replacement makes the next
 * version). Items are JSON text the caller made and validated; a {@code search} text per item serves
 * {@link #search}. Implementations are thread safe; calls block on the database.
 */
public interface ListStore {
    /** Creates version 1 of {@code list} with these items when the list has no version yet; otherwise nothing. */
    void ensure(String list, List<String> items, List<String> search, Instant at) throws StoreException;

    /** Every list's current version, by list name. */
    List<ListVersion> versions() throws StoreException;

    /** The current version and all its items; empty when {@link #ensure} never ran for it. */
    Optional<StoredList> current(String list) throws StoreException;

    /**
     * Replaces the list's items with {@code items} as its next version, and writes {@code audit}, in one
     * transaction. {@code search.get(i)} is the lower-case search text of {@code items.get(i)}.
     */
    default ListVersion replace(String list, List<String> items, List<String> search, Instant at, AuditRecord audit)
            throws StoreException {
        if (items.size() != search.size()) {
            throw new IllegalArgumentException("one search text per item");
        }
        return replace(
                list,
                sink -> {
                    for (int i = 0; i < items.size(); i++) {
                        sink.add(items.get(i), search.get(i));
                    }
                },
                at,
                audit);
    }

    /**
     * Like {@link #replace(String, List, List, Instant, AuditRecord)}, with the items produced while the
     * transaction runs and written in bounded batches, so a list of any length never sits in memory whole. Blocks
     * other writes (ingest) while {@code items} runs; when it throws, nothing is replaced.
     */
    ListVersion replace(String list, ItemSource items, Instant at, AuditRecord audit) throws StoreException;

    /** Items in list order, each with its lower-case search text. Called once, on the caller's thread. */
    interface ItemSource {
        void writeTo(ItemSink sink) throws StoreException;
    }

    interface ItemSink {
        void add(String item, String search) throws StoreException;
    }

    /**
     * Calls {@code each} with every item of the list's current version as UTF-8 JSON bytes, in list order, and
     * returns that version (empty when the list has none). Reads on the reader connection; {@code each} runs inside
     * the read, so it must be quick. For publishing, which needs each item once and never all as text at once.
     */
    Optional<ListVersion> forEachItem(String list, ItemBytes each) throws StoreException;

    interface ItemBytes {
        void accept(byte[] utf8) throws StoreException;
    }

    /** Items whose search text contains {@code needle} (lower case), in list order, at most {@code limit}. */
    List<String> search(String list, Optional<String> needle, int limit) throws StoreException;

    /** Writes an audit record alone (a dry-run import). */
    void audit(AuditRecord record) throws StoreException;
}
