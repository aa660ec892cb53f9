package org.gatepost.agent.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch payload against docs/contract/batch.json. */
class BatchJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CONTRACT = Path.of("..", "docs", "contract");

    @Test
    void batchOfTheContractsTwoEntriesMatchesTheExampleFieldForField() throws IOException {
        JsonNode example = MAPPER.readTree(CONTRACT.resolve("batch.json").toFile());
        List<String> stored = new ArrayList<>();
        for (JsonNode e : example.get("entries")) {
            stored.add(MAPPER.writeValueAsString(e));
        }

        String json = BatchJson.toJson("north-gate", "3f9a1c2e7b5d4e60", stored);

        JsonNode actual = MAPPER.readTree(json);
        assertEquals(example, actual);
        assertEquals(List.of("v", "gate", "epoch", "entries"), fieldNames(actual), "field order");
        assertTrue(json.contains(stored.get(1)), "each entry's stored JSON is copied byte for byte");
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
    void refusesAGateOrEpochThatWouldNeedEscaping() {
        List<String> rows = List.of("{\"seq\":1}", "{\"seq\":2}");
        assertThrows(IllegalArgumentException.class, () -> BatchJson.toJson("north\"gate", "3f9a1c2e7b5d4e60", rows));
        assertThrows(IllegalArgumentException.class, () -> BatchJson.toJson("north-gate", "3F9A", rows));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
