package org.gatepost.agent.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Status payloads against docs/contract/status-*.json. */
class GateStatusContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String GATE = "north-gate";
    private static final String EPOCH = "3f9a1c2e7b5d4e60";
    private static final String BOOT = "5b0e2a6c-1d7f-4c55-9f0a-2c1b8e6d4a93";

    @Test
    void onlineStatusMatchesTheContract() throws IOException {
        assertContract(
                "status-online.json",
                GateStatus.ONLINE.toJson(GATE, EPOCH, BOOT, Instant.parse("2026-11-28T08:00:00Z")));
    }

    @Test
    void lostWillMatchesTheContract() throws IOException {
        assertContract(
                "status-offline-lost.json",
                GateStatus.LOST.toJson(GATE, EPOCH, BOOT, Instant.parse("2026-11-28T08:00:00Z")));
    }

    @Test
    void shutdownStatusMatchesTheContract() throws IOException {
        assertContract(
                "status-offline-shutdown.json",
                GateStatus.SHUTDOWN.toJson(GATE, EPOCH, BOOT, Instant.parse("2026-11-28T17:30:00Z")));
    }

    private static void assertContract(String file, String json) throws IOException {
        assertEquals(MAPPER.readTree(Path.of("..", "docs", "contract", file).toFile()), MAPPER.readTree(json), file);
    }
}
