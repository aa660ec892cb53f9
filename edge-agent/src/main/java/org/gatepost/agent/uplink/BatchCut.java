package org.gatepost.agent.uplink;

import java.util.List;
import org.gatepost.agent.contract.BatchJson;
import org.gatepost.agent.store.StoredEntry;

/** Where the pump cuts a {@code batch} message from the outbox's rows ({@link BatchJson} writes it). Stateless. */
final class BatchCut {
    private BatchCut() {}

    /**
     * The longest prefix of {@code candidates} (ascending seq) whose seqs are consecutive and whose payload
     * stays within {@link BatchJson#MAX_CHARS}; at least the first entry.
     */
    static List<StoredEntry> consecutivePrefix(List<StoredEntry> candidates) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        long expected = candidates.getFirst().seq();
        int chars = BatchJson.ENVELOPE_CHARS;
        int n = 0;
        for (StoredEntry e : candidates) {
            chars += e.payload().length() + 1;
            if (e.seq() != expected || (n > 0 && chars > BatchJson.MAX_CHARS)) {
                break;
            }
            n++;
            expected++;
        }
        return candidates.subList(0, n);
    }

    /** The rows' stored JSON, for {@link BatchJson#toJson}. */
    static List<String> payloads(List<StoredEntry> entries) {
        return entries.stream().map(StoredEntry::payload).toList();
    }
}
