package org.gatepost.hub.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

/** The purge's messages against the contract examples the agent's tests read too. */
class PurgeJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theCommandIsTheContractExample() throws Exception {
        byte[] made = PurgeJson.command("purge-20261207T101500Z-3f9a", Instant.parse("2026-12-07T10:15:00Z"));
        assertEquals(MAPPER.readTree(Contract.bytes("command-purge.json")), MAPPER.readTree(made));
    }

    @Test
    void readsTheContractReport() {
        PurgeJson.Report r = PurgeJson.report(Contract.bytes("purge-report.json"), "north-gate");
        assertEquals("purge-20261207T101500Z-3f9a", r.purge());
        assertEquals(Instant.parse("2026-12-07T10:15:02.311Z"), r.purgedAt());
        assertEquals(
                Map.of(
                        "outbox_entries",
                        1834L,
                        "lists",
                        4L,
                        "list_parts",
                        5L,
                        "exits",
                        212L,
                        "duty",
                        1L,
                        "retests",
                        0L,
                        "last_scans",
                        37L,
                        "hub_retests",
                        1L),
                r.deleted());
    }

    @Test
    void refusesAReportThatBreaksTheContractNamingTheField() {
        String good = new String(Contract.bytes("purge-report.json"), StandardCharsets.UTF_8);
        Map<String, String> broken = Map.of(
                "gate: differs from the topic's gate 'south-gate'", good,
                "purge: must be a purge id", good.replace("purge-20261207T101500Z-3f9a", "../etc"),
                "purged_at: must be an ISO-8601 UTC time", good.replace("2026-12-07T10:15:02.311Z", "yesterday"),
                "deleted.exits: must be an integer in 0..9007199254740991", good.replace("212", "-1"),
                "v: must be 1", good.replace("\"v\": 1", "\"v\": 2"));
        broken.forEach((reason, payload) -> {
            String gate = payload == good ? "south-gate" : "north-gate";
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> PurgeJson.report(payload.getBytes(StandardCharsets.UTF_8), gate));
            assertEquals(reason, e.getMessage());
        });
    }
}
