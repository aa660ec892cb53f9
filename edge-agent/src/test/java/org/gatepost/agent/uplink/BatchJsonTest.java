package org.gatepost.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.store.StoredEntry;
import org.junit.jupiter.api.Test;

/** The batch payload against docs/contract/batch.json, and how a batch is cut. */
class BatchJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CONTRACT = Path.of("..", "docs", "contract");

    @Test
    void batchOfTheContractsTwoEntriesMatchesTheExampleFieldForField() throws IOException {
        JsonNode example = MAPPER.readTree(CONTRACT.resolve("batch.json").toFile());
        List<StoredEntry> stored = new ArrayList<>();
        for (JsonNode e : example.get("entries")) {
            stored.add(new StoredEntry(
                    e.get("seq").asLong(),
                    MAPPER.writeValueAsString(e),
                    Decision.fromWire(e.get("decision").asText())));
        }

        String json = BatchJson.toJson("north-gate", "3f9a1c2e7b5d4e60", stored);

        JsonNode actual = MAPPER.readTree(json);
        assertEquals(example, actual);
        assertEquals(List.of("v", "gate", "epoch", "entries"), fieldNames(actual), "field order");
        assertTrue(json.contains(stored.get(1).payload()), "each entry's stored JSON is copied byte for byte");
    }

    @Test
    void theContractsEntriesAreTheSingleEntryExamples() throws IOException {
        JsonNode batch = MAPPER.readTree(CONTRACT.resolve("batch.json").toFile());
        assertEquals(
                MAPPER.readTree(CONTRACT.resolve("entry-admit.json").toFile()),
                batch.get("entries").get(0));
        assertEquals(
                MAPPER.readTree(CONTRACT.resolve("entry-deny-fever.json").toFile()),
                batch.get("entries").get(1));
    }

    @Test
    void aBatchStopsAtTheFirstGapInSeq() {
        List<StoredEntry> rows = List.of(entry(4, 10), entry(5, 10), entry(7, 10), entry(8, 10));
        assertEquals(List.of(4L, 5L), seqs(BatchJson.consecutivePrefix(rows)));
    }

    @Test
    void aBatchStopsBeforeTheSizeLimitButAlwaysTakesOneEntry() {
        int size = BatchJson.MAX_CHARS / 3;
        List<StoredEntry> rows = List.of(entry(1, size), entry(2, size), entry(3, size), entry(4, size));
        assertEquals(List.of(1L, 2L), seqs(BatchJson.consecutivePrefix(rows)));
        assertEquals(List.of(9L), seqs(BatchJson.consecutivePrefix(List.of(entry(9, BatchJson.MAX_CHARS * 2)))));
    }

    @Test
    void refusesAGateOrEpochThatWouldNeedEscaping() {
        List<StoredEntry> rows = List.of(entry(1, 10), entry(2, 10));
        assertThrows(IllegalArgumentException.class, () -> BatchJson.toJson("north\"gate", "3f9a1c2e7b5d4e60", rows));
        assertThrows(IllegalArgumentException.class, () -> BatchJson.toJson("north-gate", "3F9A", rows));
    }

    private static StoredEntry entry(long seq, int chars) {
        return new StoredEntry(seq, "{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(chars) + "\"}", Decision.ADMIT);
    }

    private static List<Long> seqs(List<StoredEntry> entries) {
        return entries.stream().map(StoredEntry::seq).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
