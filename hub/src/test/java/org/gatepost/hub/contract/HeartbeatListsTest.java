package org.gatepost.hub.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

class HeartbeatListsTest {
    private static byte[] withLists(String listsJson) {
        ObjectNode n = Contract.json("heartbeat.json");
        n.remove("lists"); // an older agent's heartbeat has none
        if (listsJson != null) {
            try {
                n.set("lists", new ObjectMapper().readTree(listsJson));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheListVersionsTheGateHolds() throws Exception {
        HeartbeatMessage h = HeartbeatJson.parse(withLists("{\"residents\": 6, \"policy\": 5}"), "north-gate");

        assertEquals(Map.of("residents", 6L, "policy", 5L), h.lists());
        assertEquals("{\"policy\":5,\"residents\":6}", HeartbeatJson.listsJson(h.lists()));
    }

    @Test
    void aHeartbeatWithoutListsOrWithNullIsAnOlderAgentsAndHasNone() throws Exception {
        assertNull(HeartbeatJson.parse(withLists(null), "north-gate").lists());
        assertNull(HeartbeatJson.parse(withLists("null"), "north-gate").lists());
        assertNull(HeartbeatJson.listsJson(null));
    }

    @Test
    void rejectsUnknownListsAndBadVersionsNamingTheField() {
        InvalidPayloadException unknown = assertThrows(
                InvalidPayloadException.class, () -> HeartbeatJson.parse(withLists("{\"pets\": 1}"), "north-gate"));
        InvalidPayloadException zero = assertThrows(
                InvalidPayloadException.class,
                () -> HeartbeatJson.parse(withLists("{\"residents\": 0}"), "north-gate"));
        InvalidPayloadException text = assertThrows(
                InvalidPayloadException.class, () -> HeartbeatJson.parse(withLists("\"all\""), "north-gate"));

        assertEquals(
                "lists.pets: not a list (one of [badges, blocked, passes, policy, quarantine, residents])",
                unknown.getMessage());
        assertEquals("lists.residents: must be an integer in 1..9007199254740991", zero.getMessage());
        assertEquals("lists: must be an object or null", text.getMessage());
    }
}
