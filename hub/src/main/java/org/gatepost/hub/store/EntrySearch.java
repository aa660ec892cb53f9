package org.gatepost.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reading entries for search, export and reports. Returns masked credentials only, never hashes. Safe for
 * concurrent use; blocking (SQLite).
 */
public interface EntrySearch {

    /** Newest first (by {@code received_at}, then seq); {@code limit} ≥ 1. */
    List<EntryView> entries(EntryQuery query, int limit) throws StoreException;

    /**
     * Oldest first (by {@code received_at, gate, epoch, seq}), those after {@code after} (from the start when
     * empty): one page of an export.
     */
    List<EntryView> entriesAfter(EntryQuery query, Optional<EntryKey> after, int pageSize) throws StoreException;

    /** How many entries match {@code query}. */
    long count(EntryQuery query) throws StoreException;

    Optional<EntryView> entry(String gate, String epoch, long seq) throws StoreException;

    /** Entries received in {@code [from, to)} counted by gate and decision; {@code gate} filters when present. */
    List<DecisionCount> decisionCounts(Instant from, Instant to, Optional<String> gate) throws StoreException;

    /**
     * Entries received in {@code [from, to)} counted by gate, decision, direction and whether the gate opened
     * (the daily report).
     */
    List<EntryTally> entryTallies(Instant from, Instant to) throws StoreException;
}
