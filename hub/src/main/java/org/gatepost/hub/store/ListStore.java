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
    ListVersion replace(String list, List<String> items, List<String> search, Instant at, AuditRecord audit)
            throws StoreException;

    /** Items whose search text contains {@code needle} (lower case), in list order, at most {@code limit}. */
    List<String> search(String list, Optional<String> needle, int limit) throws StoreException;

    /** Writes an audit record alone (a dry-run import). */
    void audit(AuditRecord record) throws StoreException;
}
