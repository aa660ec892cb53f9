package org.gatepost.simulator.e2e;

import static org.gatepost.simulator.e2e.GateFixture.await;
import static org.gatepost.simulator.e2e.GateFixture.awaitEntries;
import static org.gatepost.simulator.e2e.GateFixture.getText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.gatepost.agent.Agent;
import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.agent.store.StoredEntry;
import org.gatepost.agent.testing.MosquittoBroker;
import org.gatepost.hub.Hub;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.health.SimulatedHealthService;
import org.gatepost.simulator.idcard.SyntheticResidents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health check end to end ({@code docs/health.md}): the simulated health service over HTTP, the real agent
 * (emulated devices on socat pseudo-terminals, its SQLite outbox), Mosquitto, and the real hub. A resident the
 * service calls red is denied ({@code deny-health}) and the hub stores the colour and source and nothing else of
 * the check; while the service fails the colour is {@code unknown} and the gate's default lets the person pass.
 */
class HealthStatusAtTheGateTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRedColourFromTheServiceDeniesAndTheHubStoresOnlyColourAndSource() throws Exception {
        SyntheticResidents residents = new SyntheticResidents(new SplittableRandom(16));
        IdCardText.Fields red = residents.next();
        IdCardText.Fields whileDown = residents.next();
        try (SimulatedHealthService service = SimulatedHealthService.start(0);
                MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                Hub hub = GateFixture.hub(dir.resolve("hub"), mosquitto.url(), 0);
                SimulatedGate gate = SimulatedGate.start("north", dir.resolve("dev"), true)) {
            Properties p = GateFixture.agentProperties(dir.resolve("agent"), "north-gate", gate, mosquitto.url());
            p.setProperty("health.provider", "http");
            p.setProperty("health.url", service.url().toString());
            p.setProperty("health.source", "simulated");
            p.setProperty("health.wait", "2s");
            service.defaultColour("red");
            try (Agent agent = GateFixture.agent(dir.resolve("agent"), p)) {
                gate.present(red, 35.6);
                JsonNode entries = awaitEntries(hub, "north-gate", WAIT, 1);
                gate.leave();
                JsonNode denied = entries.get("entries").get(0);
                assertEquals("deny-health", denied.get("decision").asText());
                assertFalse(denied.get("admitted").asBoolean());
                assertFalse(agent.signals().relay().isOn(), "the gate stays shut");
                JsonNode health = GateFixture.get(
                                hub, "/api/entries/" + denied.get("id").asText())
                        .get("health");
                assertEquals(List.of("colour", "source", "checked_at"), names(health), "nothing else of the check");
                assertEquals("red", health.get("colour").asText());
                assertEquals("simulated", health.get("source").asText());

                StoredEntry atGate = agent.store().range(1, 1, 1).get(0);
                String hash = JSON.readTree(atGate.payload())
                        .get("credential")
                        .get("hash")
                        .asText();
                assertEquals(
                        List.of(Map.of("v", 1, "hash", hash)),
                        bodies(service),
                        "the service got the keyed hash and nothing else");

                service.failWith(503);
                long polls = gate.idcard().commandsReceived();
                await(
                        "the reader to poll the empty slot",
                        WAIT,
                        () -> gate.idcard().commandsReceived() >= polls + 2);
                gate.present(whileDown, 35.6);
                JsonNode both = awaitEntries(hub, "north-gate", WAIT, 2);
                gate.leave();
                JsonNode admitted = both.get("entries").get(0);
                assertEquals("admit", admitted.get("decision").asText(), "health.unknown=admit by default");
                assertEquals("unknown", admitted.get("health").get("colour").asText());
                assertEquals("simulated", admitted.get("health").get("source").asText());
                await(
                        "the hub's ack to cover both entries",
                        WAIT,
                        () -> agent.store().ackedUpTo() == 2);
            }
            String everything = getText(hub, "/api/entries?limit=1000") + getText(hub, "/api/alerts");
            for (IdCardText.Fields f : new IdCardText.Fields[] {red, whileDown}) {
                assertFalse(everything.contains(f.idNumber()), "full ID number in the hub's API");
                assertFalse(everything.contains(f.name()), "name in the hub's API");
                for (String body : service.received())
                    assertFalse(
                            body.contains(f.idNumber().substring(0, 6)),
                            "no part of the ID number went to the service");
            }
        }
        OneResidentThroughTheGateTest.assertNoIdNumberIn(
                dir.resolve("hub").resolve("hub.db"), red.idNumber(), whileDown.idNumber());
    }

    private static List<Map<?, ?>> bodies(SimulatedHealthService service) throws Exception {
        List<Map<?, ?>> out = new ArrayList<>();
        for (String b : service.received()) {
            out.add(JSON.readValue(b, Map.class));
        }
        return out;
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
