package org.gatepost.hub.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

/** The entry's {@code health} object against docs/contract/entry-deny-health.json (the agent's test writes it). */
class EntryHealthJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theExampleIsReadAndItsCanonicalFormEqualsIt() throws Exception {
        EntryMessage e = ContractJson.parseEntry(Contract.bytes("entry-deny-health.json"), "north-gate");
        assertEquals("deny-health", e.decision());
        assertFalse(e.admitted());
        assertEquals(
                new EntryMessage.Health("red", "simulated", Instant.parse("2026-11-28T08:18:02.873Z")), e.health());
        assertEquals(Contract.json("entry-deny-health.json"), MAPPER.readTree(ContractJson.canonical(e)));
    }

    @Test
    void anEntryWithoutHealthOrWithANullOneHasNone() throws Exception {
        assertNull(ContractJson.parseEntry(Contract.bytes("entry-admit.json"), "north-gate")
                .health());
        ObjectNode n = Contract.json("entry-deny-health.json");
        n.putNull("health");
        EntryMessage e = ContractJson.parseEntry(n.toString().getBytes(StandardCharsets.UTF_8), "north-gate");
        assertNull(e.health());
        assertFalse(MAPPER.readTree(ContractJson.canonical(e)).has("health"));
    }

    @Test
    void aHealthObjectMissingAFieldOrWithABadTimeIsRefused() {
        for (String field : new String[] {"colour", "source", "checked_at"}) {
            ObjectNode n = Contract.json("entry-deny-health.json");
            ((ObjectNode) n.get("health")).remove(field);
            InvalidPayloadException ex = assertThrows(
                    InvalidPayloadException.class,
                    () -> ContractJson.parseEntry(n.toString().getBytes(StandardCharsets.UTF_8), "north-gate"));
            assertEquals(
                    "health." + field,
                    ex.getMessage().substring(0, ex.getMessage().indexOf(':')),
                    ex.getMessage());
        }
        ObjectNode n = Contract.json("entry-deny-health.json");
        ((ObjectNode) n.get("health")).put("checked_at", "yesterday");
        assertThrows(
                InvalidPayloadException.class,
                () -> ContractJson.parseEntry(n.toString().getBytes(StandardCharsets.UTF_8), "north-gate"));
    }
}
