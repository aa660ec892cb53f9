package org.gatepost.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gatepost.agent.contract.BatchJson;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.store.StoredEntry;
import org.junit.jupiter.api.Test;

/** How a batch is cut from the outbox's rows. */
class BatchCutTest {
    @Test
    void aBatchStopsAtTheFirstGapInSeq() {
        List<StoredEntry> rows = List.of(entry(4, 10), entry(5, 10), entry(7, 10), entry(8, 10));
        assertEquals(List.of(4L, 5L), seqs(BatchCut.consecutivePrefix(rows)));
    }

    @Test
    void aBatchStopsBeforeTheSizeLimitButAlwaysTakesOneEntry() {
        int size = BatchJson.MAX_CHARS / 3;
        List<StoredEntry> rows = List.of(entry(1, size), entry(2, size), entry(3, size), entry(4, size));
        assertEquals(List.of(1L, 2L), seqs(BatchCut.consecutivePrefix(rows)));
        assertEquals(List.of(9L), seqs(BatchCut.consecutivePrefix(List.of(entry(9, BatchJson.MAX_CHARS * 2)))));
    }

    private static StoredEntry entry(long seq, int chars) {
        return new StoredEntry(seq, "{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(chars) + "\"}", Decision.ADMIT);
    }

    private static List<Long> seqs(List<StoredEntry> entries) {
        return entries.stream().map(StoredEntry::seq).toList();
    }
}
