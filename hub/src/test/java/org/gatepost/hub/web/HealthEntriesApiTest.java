package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.gatepost.hub.store.EntryView;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OneHubOnEachBackend;
import org.gatepost.hub.testing.TestGateClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Entries with a health check ({@code docs/health.md}), published over MQTT as an agent does and ingested by the
 * real hub on SQLite and on PostgreSQL: the colour, source and time are stored in their columns and shown in the
 * entry list; a {@code health} object with anything more, or a colour or source out of the contract, is a dead
 * letter naming the field.
 */
class HealthEntriesApiTest extends OneHubOnEachBackend {
    private static final String TOPIC = "gatepost/v1/gates/" + Contract.GATE + "/entries";

    private ApiSession admin;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        admin = ApiSession.admin(hub.httpPort());
        try (TestGateClient client = TestGateClient.connect(hub.brokerUrl(), Contract.GATE)) {
            client.publish(TOPIC, Contract.bytes("entry-deny-health.json"));
            ObjectNode plain = Contract.json("entry-deny-fever.json");
            client.publish(TOPIC, plain.toString().getBytes(StandardCharsets.UTF_8));
            Await.until(
                    "2 entries stored",
                    () -> hub.store()
                                    .recentEntries(Optional.of(Contract.GATE), 10)
                                    .size()
                            == 2);
        }
    }

    private EntryView stored(long seq) throws Exception {
        return hub.store().recentEntries(Optional.of(Contract.GATE), 10).stream()
                .filter(e -> e.seq() == seq)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theHubStoresTheColourSourceAndTimeOfTheContractExample() throws Exception {
        EntryView e = stored(45);
        assertEquals("deny-health", e.decision());
        assertFalse(e.admitted());
        assertEquals("red", e.health().colour());
        assertEquals("simulated", e.health().source());
        assertEquals(Instant.parse("2026-11-28T08:18:02.873Z"), e.health().checkedAt());
        assertNull(stored(42).health(), "an entry without a check has none");
    }

    @Test
    void theEntryListShowsTheHealthObjectAndSearchFindsDenyHealth() {
        JsonNode list = admin.getJson("/api/entries?gate=" + Contract.GATE + "&decision=deny-health")
                .get("entries");
        assertEquals(1, list.size());
        JsonNode h = list.get(0).get("health");
        assertEquals("red", h.get("colour").textValue());
        assertEquals("simulated", h.get("source").textValue());
        assertEquals("2026-11-28T08:18:02.873Z", h.get("checked_at").textValue());
        JsonNode fever = admin.getJson("/api/entries?gate=" + Contract.GATE + "&decision=deny-fever")
                .get("entries");
        assertTrue(fever.get(0).get("health").isNull());
    }

    @Test
    void aHealthObjectWithMoreThanColourSourceAndTimeIsADeadLetter() throws Exception {
        assertDeadLetter(
                "health-extra-gate",
                h -> h.put("code", "粤康码:4401**********"),
                "health.code: not a health field (only colour, source, checked_at: an entry never carries the code's content)");
        assertDeadLetter(
                "health-colour-gate",
                h -> h.put("colour", "purple"),
                "health.colour: must be one of [green, red, unknown, yellow]");
        assertDeadLetter(
                "health-source-gate",
                h -> h.put("source", "Gov Service"),
                "health.source: must be 1-32 lowercase letters, digits or '-' starting with a letter");
    }

    private void assertDeadLetter(String gate, Consumer<ObjectNode> spoil, String reason) throws Exception {
        ObjectNode e = Contract.json("entry-deny-health.json");
        e.put("gate", gate);
        e.put("id", gate + "-" + Contract.EPOCH + "-45");
        spoil.accept((ObjectNode) e.get("health"));
        try (TestGateClient client = TestGateClient.connect(hub.brokerUrl(), gate)) {
            client.publish(
                    "gatepost/v1/gates/" + gate + "/entries", e.toString().getBytes(StandardCharsets.UTF_8));
            Await.until("the dead letter of " + gate, () -> letters(gate).size() == 1);
        }
        assertEquals(reason, letters(gate).get(0).get("reason").textValue());
        assertEquals(0, hub.store().recentEntries(Optional.of(gate), 10).size());
    }

    private List<JsonNode> letters(String gate) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode d : admin.getJson("/api/dead-letters").get("dead_letters")) {
            if (d.get("topic").textValue().contains("/" + gate + "/")) {
                out.add(d);
            }
        }
        return out;
    }
}
