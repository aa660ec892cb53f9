package org.gatepost.agent.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.lists.ListSync;
import org.gatepost.agent.uplink.UplinkState;
import org.junit.jupiter.api.Test;

/** The console's {@code hub} object: {@code online} only while the hub's word is fresh, the backlog beside it. */
class HubStateJsonTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:15:00Z");
    private final AtomicReference<ListSync.HubHeard> heard = new AtomicReference<>();
    private final ConsoleStatus status = ConsoleStatus.of(
            "north-gate",
            List::of,
            () -> new UplinkState(true, 40, null, 5, 0, 0, 0, 0),
            () -> GateLists.NONE,
            heard::get);
    private final StateJson json = new StateJson(new ObjectMapper(), new FakeDesk(), status);

    @Test
    void connectedToTheBrokerWithoutWordFromTheHubIsNotOnline() {
        JsonNode hub = json.build(NOW).get("hub");
        assertTrue(hub.get("connected").asBoolean());
        assertFalse(hub.get("online").asBoolean());
        assertTrue(hub.get("last_heard_at").isNull());
        assertEquals(5, hub.get("backlog").asLong());
    }

    @Test
    void aNewPendingRetestsListMakesItOnlineUntilThreeIntervalsPass() {
        heard.set(new ListSync.HubHeard(NOW.minusSeconds(30), Duration.ofSeconds(30)));
        JsonNode hub = json.build(NOW).get("hub");
        assertTrue(hub.get("online").asBoolean());
        assertEquals(NOW.minusSeconds(30).toString(), hub.get("last_heard_at").asText());
        assertFalse(json.build(NOW.plusSeconds(60)).get("hub").get("online").asBoolean(), "90 s without a word");
    }
}
