package org.gatepost.hub.contract;

import java.util.List;

/**
 * A validated batch ({@code gatepost/v1/gates/{gate}/batch}): entries of one gate and epoch in ascending,
 * consecutive {@code seq} order, each as valid as a single entry.
 *
 * @param entries at least one, at most {@link ContractJson#MAX_BATCH_ENTRIES}; unmodifiable
 */
public record BatchMessage(String gate, String epoch, List<EntryMessage> entries) {
    public long firstSeq() {
        return entries.get(0).seq();
    }

    public long lastSeq() {
        return entries.get(entries.size() - 1).seq();
    }
}
