package org.gatepost.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.GateView;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OneHubOnEachBackend;
import org.gatepost.hub.testing.TestGateClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The hub ingesting the contract examples published by a Paho client through the embedded broker. One hub
 * serves the class (starting and stopping one costs seconds); each test uses its own gate, so tests do not
 * see each other's data and may run in any order.
 */
class HubIngestTest extends OneHubOnEachBackend {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestGateClient gate;
    private String gateId;

    @BeforeEach
    void connectGate(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        gateId = "g-" + name.substring(0, Math.min(40, name.length()));
        gate = TestGateClient.connect(hub.brokerUrl(), gateId);
    }

    @AfterEach
    void disconnectGate() throws Exception {
        gate.close();
    }

    private String entriesTopic() {
        return Topics.entries(gateId);
    }

    private String statusTopic() {
        return Topics.status(gateId);
    }

    private long entries() throws Exception {
        return hub.store().recentEntries(Optional.of(gateId), 1000).size();
    }

    private Optional<GateView> thisGate() throws Exception {
        return hub.store().gates(Instant.EPOCH).stream()
                .filter(g -> g.gate().equals(gateId))
                .findFirst();
    }

    private List<AlertView> alerts() throws Exception {
        return hub.store().recentAlerts(Optional.of(gateId), 10);
    }

    private static long upTo(TestGateClient.Received r) throws Exception {
        JsonNode n = MAPPER.readTree(r.payload());
        assertEquals(Contract.EPOCH, n.get("epoch").textValue());
        return n.get("upTo").longValue();
    }

    @Test
    void storesTheContractEntriesAndPublishesARetainedAckCoveringThem() throws Exception {
        gate.subscribe(Topics.ack(gateId));
        for (long seq = 1; seq <= 40; seq++) {
            gate.publish(entriesTopic(), Contract.admitWithSeq(gateId, Contract.EPOCH, seq));
        }
        for (String file : List.of("entry-admit.json", "entry-deny-fever.json", "entry-no-reading.json")) {
            gate.publish(entriesTopic(), Contract.forGate(file, gateId));
        }

        Await.until("43 entries stored", () -> entries() == 43);
        Await.until(
                "ack up to 43 received",
                () -> !gate.received().isEmpty()
                        && upTo(gate.received().get(gate.received().size() - 1)) == 43);
        // Nothing is published after this subscription, so what arrives was retained. (Moquette 0.17 sends
        // retained messages without the RETAIN flag, so the flag itself is not asserted.)
        try (TestGateClient late = TestGateClient.connect(hub.brokerUrl(), "late-subscriber")) {
            late.subscribe(Topics.ack(gateId));
            Await.until(
                    "retained ack delivered to a late subscriber",
                    () -> !late.received().isEmpty());
            assertEquals(43, upTo(late.received().get(0)));
        }
        assertEquals(43, thisGate().orElseThrow().ackedUpTo());
    }

    @Test
    void raisesOneFeverAlertWhenTheSameEntryIsPublishedTwice() throws Exception {
        long duplicatesBefore = hub.ingestStats().duplicates(); // before: the second fever may be counted at once
        gate.publish(entriesTopic(), Contract.forGate("entry-deny-fever.json", gateId));
        gate.publish(entriesTopic(), Contract.forGate("entry-deny-fever.json", gateId));

        gate.publish(entriesTopic(), Contract.admitWithSeq(gateId, Contract.EPOCH, 1));
        Await.until("a later entry stored, so both fever deliveries were processed", () -> entries() == 2);
        assertEquals(1, hub.ingestStats().duplicates() - duplicatesBefore);
        // seq 1 and 42 leave a gap, which the hub reports as missing entries once it has lasted 5 s.
        List<AlertView> alerts = alerts().stream()
                .filter(a -> !a.kind().equals("missing-entries"))
                .toList();
        assertEquals(1, alerts.size());
        assertEquals("fever", alerts.get(0).kind());
        assertEquals(gateId + "-3f9a1c2e7b5d4e60-42", alerts.get(0).entryId());
    }

    @Test
    void setsAsideMalformedMismatchedAndUnknownVersionPayloadsAndKeepsIngesting() throws Exception {
        long deadBefore = hub.store().counts().deadLetters();
        gate.publish(entriesTopic(), "{\"v\":1,".getBytes(StandardCharsets.UTF_8));
        gate.publish(entriesTopic(), Contract.bytes("entry-admit.json"));
        var v2 = Contract.json("entry-admit.json").put("gate", gateId).put("v", 2);
        gate.publish(entriesTopic(), v2.toString().getBytes(StandardCharsets.UTF_8));
        gate.publish(entriesTopic(), Contract.forGate("entry-no-reading.json", gateId));

        Await.until("valid entry stored after the bad ones", () -> entries() == 1);
        assertEquals(
                3,
                hub.store().counts().deadLetters() - deadBefore,
                "malformed JSON, gate differing from the topic, v=2");
    }

    @Test
    void marksTheGateOfflineWhenItsConnectionDropsAndOnlineWhenItReturns() throws Exception {
        String lostWill = new String(Contract.forGate("status-offline-lost.json", gateId), StandardCharsets.UTF_8);
        TestGateClient agent =
                TestGateClient.connect(hub.brokerUrl(), gateId + "-agent", new String[] {statusTopic(), lostWill});
        agent.publish(statusTopic(), Contract.forGate("status-online.json", gateId), true);
        Await.until(
                "gate online",
                () -> thisGate().map(g -> g.state().equals("online")).orElse(false));

        agent.dropConnection();

        Await.until(
                "gate offline after the will",
                () -> thisGate().orElseThrow().state().equals("offline"));
        assertEquals("lost", thisGate().orElseThrow().reason());
        AlertView alert = alerts().get(0);
        assertEquals("gate-offline", alert.kind());
        assertEquals("high", alert.severity());

        gate.publish(statusTopic(), Contract.forGate("status-online.json", gateId), true);

        Await.until("gate back online", () -> thisGate().orElseThrow().state().equals("online"));
        Await.until("offline alert resolved", () -> alerts().get(0).resolvedAt() != null);
    }

    @Test
    void marksTheGateOfflineOnACleanShutdownStatus() throws Exception {
        gate.publish(statusTopic(), Contract.forGate("status-offline-shutdown.json", gateId), true);

        Await.until(
                "gate offline",
                () -> thisGate().map(g -> g.state().equals("offline")).orElse(false));
        GateView g = thisGate().orElseThrow();
        assertEquals("shutdown", g.reason());
        assertNotNull(g.lastStatusAt());
        assertEquals("low", alerts().get(0).severity());
    }
}
