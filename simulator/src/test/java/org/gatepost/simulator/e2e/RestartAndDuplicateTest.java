package org.gatepost.simulator.e2e;

import static org.gatepost.simulator.e2e.GateFixture.await;
import static org.gatepost.simulator.e2e.GateFixture.awaitApi;
import static org.gatepost.simulator.e2e.GateFixture.awaitEntries;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatepost.agent.Agent;
import org.gatepost.agent.contract.EntryJson;
import org.gatepost.agent.store.StoredEntry;
import org.gatepost.agent.testing.MosquittoBroker;
import org.gatepost.hub.Hub;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.idcard.SyntheticResidents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries decided while the broker is down survive an agent restart and reach the hub exactly once; an
 * entry delivered twice is stored once and alerted once.
 */
class RestartAndDuplicateTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final double[] SKIN = {35.5, 37.6, 35.9};

    @TempDir
    Path dir;

    @Test
    void restartedAgentRepublishesUnacknowledgedEntriesAndTheHubKeepsEachOnce() throws Exception {
        SyntheticResidents residents = new SyntheticResidents(new SplittableRandom(11));
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                Hub hub = GateFixture.hub(dir.resolve("hub"), mosquitto.url(), 0);
                SimulatedGate gate = SimulatedGate.start("west", dir.resolve("dev"), true)) {
            Agent first = GateFixture.agent(dir.resolve("agent"), "west-gate", gate, mosquitto.url());
            List<String> payloads = new CopyOnWriteArrayList<>();
            first.onEntry(e -> payloads.add(EntryJson.toJson(e)));
            await("the agent online", WAIT, () -> first.uplinkState().connected());
            mosquitto.kill();

            for (int i = 0; i < SKIN.length; i++) {
                long before = first.store().lastSeq();
                gate.present(residents.next(), SKIN[i]);
                await(
                        "entry " + (i + 1) + " committed at the gate",
                        WAIT,
                        () -> first.store().lastSeq() == before + 1);
                gate.leave();
                long polls = gate.idcard().commandsReceived();
                await(
                        "the reader to poll the empty slot",
                        WAIT,
                        () -> gate.idcard().commandsReceived() >= polls + 2);
            }
            assertEquals(0, first.store().ackedUpTo(), "nothing can be acknowledged while the broker is down");
            first.close();

            mosquitto.restart();
            try (Agent second = GateFixture.agent(dir.resolve("agent"), "west-gate", gate, mosquitto.url())) {
                await(
                        "the hub to acknowledge all three",
                        WAIT,
                        () -> second.store().ackedUpTo() == 3);
                JsonNode entries = awaitEntries(hub, "west-gate", WAIT, 3);
                Set<Long> seqs = new HashSet<>();
                for (JsonNode e : entries.get("entries")) {
                    seqs.add(e.get("seq").asLong());
                }
                assertEquals(Set.of(1L, 2L, 3L), seqs, "each entry exactly once");
                awaitApi(hub, "/api/alerts", WAIT, r -> r.get("alerts").size() == 1);

                // Deliver the fever entry a second time, as a broker redelivery would.
                List<StoredEntry> stored = second.store().unacked(0, 10);
                assertEquals(0, stored.size(), "all acknowledged");
                long duplicatesBefore = hub.ingestStats().duplicates();
                publishAgain(mosquitto.url(), payloads.get(1));
                await(
                        "the hub to see the duplicate",
                        WAIT,
                        () -> hub.ingestStats().duplicates() == duplicatesBefore + 1);
                assertEquals(
                        3,
                        GateFixture.get(hub, "/api/entries?gate=west-gate")
                                .get("entries")
                                .size());
                assertEquals(
                        1, GateFixture.get(hub, "/api/alerts").get("alerts").size(), "alerted once");
            }
        }
    }

    private static void publishAgain(String url, String payload) throws Exception {
        MqttClient client = new MqttClient(url, "duplicate-injector", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        client.connect(o);
        client.publish("gatepost/v1/gates/west-gate/entries", payload.getBytes(StandardCharsets.UTF_8), 1, false);
        client.disconnect();
        client.close();
    }
}
