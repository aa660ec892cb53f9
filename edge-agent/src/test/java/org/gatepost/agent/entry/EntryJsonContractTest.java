package org.gatepost.agent.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** EntryJson against the example payloads of docs/contract, which are part of the agent–hub contract. */
class EntryJsonContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CONTRACT = Path.of("..", "docs", "contract");
    private static final String GATE = "north-gate";
    private static final String EPOCH = "3f9a1c2e7b5d4e60";
    private static final String BOOT = "5b0e2a6c-1d7f-4c55-9f0a-2c1b8e6d4a93";
    private static final Credential CARD_A = new Credential(Credential.KIND_ID_CARD,
            "d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723", "110105********002X");
    private static final Credential CARD_B = new Credential(Credential.KIND_ID_CARD,
            "f8ad575cd4e8c624bda142e84272a56981c36c6928e29cfc92ed8b0e20fa99ad", "440524********0014");

    @Test
    void admitEntryMatchesTheContractExample() throws IOException {
        Entry e = new Entry(GATE, EPOCH, 41, new EntryDraft(Instant.parse("2026-11-28T08:15:02.417Z"), BOOT,
                5_123_456, true, CARD_A, new Temperature(36.62, 35.72, 21.4, 0.9, 3), Decision.ADMIT, 37.3));
        assertMatchesContract("entry-admit.json", EntryJson.toJson(e));
    }

    @Test
    void feverEntryMatchesTheContractExample() throws IOException {
        Entry e = new Entry(GATE, EPOCH, 42, new EntryDraft(Instant.parse("2026-11-28T08:15:09.102Z"), BOOT,
                5_130_141, true, CARD_B, new Temperature(38.05, 37.15, 21.5, 0.9, 3), Decision.DENY_FEVER, 37.3));
        assertMatchesContract("entry-deny-fever.json", EntryJson.toJson(e));
    }

    @Test
    void noReadingEntryWithWholeSecondTimeKeepsThreeFractionDigits() throws IOException {
        Entry e = new Entry(GATE, EPOCH, 43, new EntryDraft(Instant.parse("2026-11-28T08:16:40Z"), BOOT,
                5_221_039, false, CARD_A, null, Decision.NO_READING, 37.3));
        String json = EntryJson.toJson(e);
        assertMatchesContract("entry-no-reading.json", json);
        assertEquals("2026-11-28T08:16:40.000Z", MAPPER.readTree(json).get("at").asText());
    }

    private static void assertMatchesContract(String file, String actualJson) throws IOException {
        JsonNode expected = MAPPER.readTree(CONTRACT.resolve(file).toFile());
        JsonNode actual = MAPPER.readTree(actualJson);
        assertEquals(expected, actual, file);
        assertEquals(fieldNames(expected), fieldNames(actual), file + ": field order is part of the contract");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
