package org.gatepost.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.GateView;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The hub ingesting the contract examples published by a Paho client through the embedded broker. */
class HubIngestTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ENTRIES = Topics.entries(Contract.GATE);
    private static final String STATUS = Topics.status(Contract.GATE);

    @TempDir
    Path dir;
    private Hub hub;
    private TestGateClient gate;

    @BeforeEach
    void start() throws Exception {
        hub = Hub.start(TestHubs.config(dir), Clock.systemUTC());
        gate = TestGateClient.connect(hub.brokerUrl(), Contract.GATE);
    }

    @AfterEach
    void stop() throws Exception {
        gate.close();
        hub.close();
    }

    private long entries() throws Exception {
        return hub.store().counts().entries();
    }

    private Optional<GateView> northGate() throws Exception {
        return hub.store().gates(Instant.EPOCH).stream().filter(g -> g.gate().equals(Contract.GATE)).findFirst();
    }

    private static long upTo(TestGateClient.Received r) throws Exception {
        JsonNode n = MAPPER.readTree(r.payload());
        assertEquals(Contract.EPOCH, n.get("epoch").textValue());
        return n.get("upTo").longValue();
    }

    @Test
    void storesTheContractEntriesAndPublishesARetainedAckCoveringThem() throws Exception {
        gate.subscribe(Topics.ack(Contract.GATE));
        for (long seq = 1; seq <= 40; seq++) {
            gate.publish(ENTRIES, Contract.admitWithSeq(Contract.EPOCH, seq));
        }
        for (String file : List.of("entry-admit.json", "entry-deny-fever.json", "entry-no-reading.json")) {
            gate.publish(ENTRIES, Contract.bytes(file));
        }

        Await.until("43 entries stored", () -> entries() == 43);
        Await.until("ack up to 43 received", () -> !gate.received().isEmpty()
                && upTo(gate.received().get(gate.received().size() - 1)) == 43);
        // Nothing is published after this subscription, so what arrives was retained. (Moquette 0.17 sends
        // retained messages without the RETAIN flag, so the flag itself is not asserted.)
        try (TestGateClient late = TestGateClient.connect(hub.brokerUrl(), "late-subscriber")) {
            late.subscribe(Topics.ack(Contract.GATE));
            Await.until("retained ack delivered to a late subscriber", () -> !late.received().isEmpty());
            assertEquals(43, upTo(late.received().get(0)));
        }
        assertEquals(43, northGate().orElseThrow().ackedUpTo());
    }

    @Test
    void raisesOneFeverAlertWhenTheSameEntryIsPublishedTwice() throws Exception {
        gate.publish(ENTRIES, Contract.bytes("entry-deny-fever.json"));
        gate.publish(ENTRIES, Contract.bytes("entry-deny-fever.json"));

        Await.until("both deliveries processed", () -> hub.ingestStats().entriesStored() == 1
                && hub.ingestStats().duplicates() == 1);
        List<AlertView> alerts = hub.store().recentAlerts(Optional.empty(), 10);
        assertEquals(1, alerts.size());
        assertEquals("fever", alerts.get(0).kind());
        assertEquals("north-gate-3f9a1c2e7b5d4e60-42", alerts.get(0).entryId());
    }

    @Test
    void setsAsideMalformedMismatchedAndUnknownVersionPayloadsAndKeepsIngesting() throws Exception {
        gate.publish(ENTRIES, "{\"v\":1,".getBytes(StandardCharsets.UTF_8));
        gate.publish(Topics.entries("south-gate"), Contract.bytes("entry-admit.json"));
        var v2 = Contract.json("entry-admit.json").put("v", 2);
        gate.publish(ENTRIES, v2.toString().getBytes(StandardCharsets.UTF_8));
        gate.publish(ENTRIES, Contract.bytes("entry-no-reading.json"));

        Await.until("valid entry stored after the bad ones", () -> entries() == 1);
        assertEquals(3, hub.store().counts().deadLetters());
        assertEquals(3, hub.ingestStats().deadLetters());
    }

    @Test
    void marksTheGateOfflineWhenItsConnectionDropsAndOnlineWhenItReturns() throws Exception {
        String lostWill = new String(Contract.bytes("status-offline-lost.json"), StandardCharsets.UTF_8);
        TestGateClient agent = TestGateClient.connect(hub.brokerUrl(), "north-gate-agent", new String[]{STATUS, lostWill});
        agent.publish(STATUS, Contract.bytes("status-online.json"), true);
        Await.until("gate online", () -> northGate().map(g -> g.state().equals("online")).orElse(false));

        agent.dropConnection();

        Await.until("gate offline after the will", () -> northGate().orElseThrow().state().equals("offline"));
        assertEquals("lost", northGate().orElseThrow().reason());
        AlertView alert = hub.store().recentAlerts(Optional.of(Contract.GATE), 10).get(0);
        assertEquals("gate-offline", alert.kind());
        assertEquals("high", alert.severity());

        gate.publish(STATUS, Contract.bytes("status-online.json"), true);

        Await.until("gate back online", () -> northGate().orElseThrow().state().equals("online"));
        Await.until("offline alert resolved", () -> hub.store().recentAlerts(Optional.of(Contract.GATE), 10)
                .get(0).resolvedAt() != null);
    }

    @Test
    void marksTheGateOfflineOnACleanShutdownStatus() throws Exception {
        gate.publish(STATUS, Contract.bytes("status-offline-shutdown.json"), true);

        Await.until("gate offline", () -> northGate().map(g -> g.state().equals("offline")).orElse(false));
        GateView g = northGate().orElseThrow();
        assertEquals("shutdown", g.reason());
        assertNotNull(g.lastStatusAt());
        assertEquals("low", hub.store().recentAlerts(Optional.empty(), 10).get(0).severity());
    }
}
