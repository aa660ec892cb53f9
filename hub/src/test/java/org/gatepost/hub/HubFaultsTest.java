package org.gatepost.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.gatepost.hub.testing.MutableClock;
import org.gatepost.hub.testing.OneHubOnEachBackend;
import org.gatepost.hub.testing.TestGateClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Nothing lost, nothing twice, order known: batches, resend requests for gaps, heartbeats and dead letters
 * through a real hub and its embedded broker, with Paho clients in the gate's role. The hub's clock is a
 * {@link MutableClock} the tests move forward; the hub runs its periodic checks every second of real time with
 * that clock's reading. One hub serves the class; each test uses its own gate.
 *
 * <p>One test measures ingest throughput (entries/s) and prints it without asserting a rate: the number depends on
 * the disk (every group commit is an fsync) and on the broker, which lets only 10 unacknowledged messages be in
 * flight to the hub, so single-entry messages reach the store in groups of at most 10.
 */
class HubFaultsTest extends OneHubOnEachBackend {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EPOCH = Contract.EPOCH;
    private static final int SINGLES = 1_000;
    private static final int BATCHES = 25;
    private static final int BATCH_SIZE = 200;

    private MutableClock clock;
    private ApiSession api;
    private TestGateClient gate;
    private String gateId;

    /** A new clock for each backend's hub (the instance serves both). */
    @Override
    protected Clock hubClock() {
        clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
        return clock;
    }

    @BeforeParameterizedClassInvocation
    void signIn() throws Exception {
        api = ApiSession.admin(hub.httpPort());
    }

    @BeforeEach
    void connectGate(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        gateId = "f-" + name.substring(0, Math.min(40, name.length()));
        gate = TestGateClient.connect(hub.brokerUrl(), gateId);
    }

    @AfterEach
    void disconnectGate() throws Exception {
        gate.close();
    }

    private long entries() throws Exception {
        return hub.store().recentEntries(Optional.of(gateId), 1000).size();
    }

    private List<AlertView> alerts() throws Exception {
        return hub.store().recentAlerts(Optional.of(gateId), 20);
    }

    private Optional<AlertView> alert(String kind) throws Exception {
        return alerts().stream().filter(a -> a.kind().equals(kind)).findFirst();
    }

    private void publishEntry(long seq, Instant at) throws Exception {
        gate.publish(Topics.entries(gateId), Messages.bytes(Messages.entry(gateId, EPOCH, seq, at)));
    }

    private JsonNode gateJson() {
        for (JsonNode g : api.getJson("/api/gates").get("gates")) {
            if (g.get("id").textValue().equals(gateId)) {
                return g;
            }
        }
        throw new AssertionError("gate " + gateId + " not in /api/gates");
    }

    @Test
    void storesABatchWholeAndAcknowledgesUpToItsLastEntry() throws Exception {
        gate.subscribe(Topics.ack(gateId));

        gate.publish(Topics.batch(gateId), Messages.bytes(Messages.batch(gateId, EPOCH, 1, 200, clock.instant())));

        Await.until("200 entries stored", () -> entries() == 200);
        Await.until(
                "ack up to 200",
                () -> gate.received().stream().anyMatch(r -> r.payload().contains("\"upTo\":200")));
        assertEquals(200, hub.store().ackedUpTo(gateId, EPOCH));
    }

    @Test
    void setsAsideAnInvalidBatchWholeAndListsItAsADeadLetter() throws Exception {
        ObjectNode batch = Messages.batch(gateId, EPOCH, 1, 3, clock.instant());
        batch.withArray("entries").remove(1);

        gate.publish(Topics.batch(gateId), Messages.bytes(batch));
        publishEntry(1, clock.instant());

        Await.until("the entry behind it stored", () -> entries() == 1);
        // The batch goes through the bulk lane, the entry through the live lane: either may be stored first.
        JsonNode[] found = new JsonNode[1];
        Await.until("this gate's batch among the dead letters", () -> {
            for (JsonNode l : api.getJson("/api/dead-letters?limit=200").get("dead_letters")) {
                if (l.get("topic").textValue().equals(Topics.batch(gateId))) {
                    found[0] = l;
                }
            }
            return found[0] != null;
        });
        JsonNode letter = found[0];
        assertNotNull(letter, "this gate's batch among the dead letters");
        assertEquals(
                "entries[1].seq: must be 2 (consecutive, ascending)",
                letter.get("reason").textValue());
        assertEquals(
                ContractJson.TIME_FORMAT.format(clock.instant()),
                letter.get("received_at").textValue());
        String preview = letter.get("payload_preview").textValue();
        assertTrue(preview.startsWith("{\"v\":1,\"gate\":\"" + gateId + "\""), preview);
        assertTrue(
                preview.contains("(hash hidden)") && !preview.contains("d4f6ffbecf879b"),
                "no credential hash leaves through the API: " + preview);
        assertEquals(Messages.bytes(batch).length, letter.get("payload_bytes").longValue());
    }

    @Test
    void requestsMissingEntriesByCommandAndResolvesTheAlertWhenTheyArriveEvenWithAClockAYearBehind() throws Exception {
        gate.subscribe(Topics.commands(gateId));
        Instant yearAgo = clock.instant().minus(Duration.ofDays(365));
        publishEntry(1, clock.instant());
        publishEntry(2, clock.instant());
        publishEntry(5, yearAgo);
        publishEntry(6, yearAgo.plusSeconds(1));
        Await.until("4 entries stored", () -> entries() == 4);
        assertEquals(2, hub.store().ackedUpTo(gateId, EPOCH));

        Await.until("a resend command", () -> {
            clock.advance(Duration.ofSeconds(1));
            return !gate.received().isEmpty();
        });

        JsonNode command = MAPPER.readTree(gate.received().get(0).payload());
        assertEquals("resend", command.get("command").textValue());
        assertEquals(EPOCH, command.get("epoch").textValue());
        assertEquals(3, command.get("from").longValue());
        assertEquals(4, command.get("to").longValue());
        Await.until("missing-entries alert", () -> alert("missing-entries").isPresent());
        AlertView missing = alert("missing-entries").orElseThrow();
        assertEquals("high", missing.severity());
        assertTrue(missing.message().contains("3..4"), missing.message());

        publishEntry(3, yearAgo.minusSeconds(2));
        publishEntry(4, yearAgo.minusSeconds(1));

        Await.until(
                "alert resolved", () -> alert("missing-entries").orElseThrow().resolvedAt() != null);
        assertEquals(6, hub.store().ackedUpTo(gateId, EPOCH), "ordered by seq whatever the gate's clock said");
    }

    @Test
    void aHeartbeatAboveTheHubsMarkAfterAForgedAckGetsAResendAndAMissingEntriesAlertUntilTheEntriesArrive()
            throws Exception {
        gate.subscribe(Topics.commands(gateId));
        publishEntry(1, clock.instant());
        publishEntry(2, clock.instant());
        Await.until("2 entries stored", () -> entries() == 2);
        // Someone published {"upTo":5} on the gate's ack topic: the gate believes 1..5 delivered and says so.
        gate.publishQos0(Topics.heartbeat(gateId), Messages.heartbeat(gateId, h -> {
            h.put("last_seq", 5);
            h.put("acked_up_to", 5);
            h.put("backlog", 0);
            h.putNull("oldest_unsent_age_s");
        }));

        Await.until("a resend command", () -> {
            clock.advance(Duration.ofSeconds(1));
            return !gate.received().isEmpty();
        });

        JsonNode command = MAPPER.readTree(gate.received().get(0).payload());
        assertEquals("resend", command.get("command").textValue());
        assertEquals(3, command.get("from").longValue());
        assertEquals(5, command.get("to").longValue());
        Await.until("missing-entries alert", () -> alert("missing-entries").isPresent());
        assertTrue(alert("missing-entries").orElseThrow().message().contains("3..5"));

        for (long seq = 3; seq <= 5; seq++) {
            publishEntry(seq, clock.instant());
        }

        Await.until("alert resolved", () -> {
            clock.advance(Duration.ofSeconds(1));
            return alert("missing-entries").orElseThrow().resolvedAt() != null;
        });
        assertEquals(5, hub.store().ackedUpTo(gateId, EPOCH));
    }

    @Test
    void aHeartbeatWithABrokenDeviceEntryStillShowsTheOtherDevicesAndRaisesADeviceFault() throws Exception {
        gate.publishQos0(
                Topics.heartbeat(gateId),
                Messages.heartbeat(
                        gateId,
                        h -> ((ObjectNode) h.get("devices").get(0))
                                .put("port", "")
                                .put("state", "disconnected")
                                .put("last_error", "open-failed")
                                .put("frames", 1e308)));

        Await.until("device-fault alert", () -> alert("device-fault").isPresent());
        assertTrue(alert("device-fault").orElseThrow().message().contains("devices[0].frames"));
        JsonNode devices = gateJson().get("devices");
        assertEquals("invalid", devices.get(0).get("state").textValue());
        assertEquals("connected", devices.get(1).get("state").textValue());
        for (JsonNode letter : api.getJson("/api/dead-letters?limit=50").get("dead_letters")) {
            assertTrue(!letter.get("topic").textValue().equals(Topics.heartbeat(gateId)), "heartbeat dead-lettered");
        }
    }

    @Test
    void raisesAndClearsAlertsFromHeartbeatsAndShowsTheGatesHealth() throws Exception {
        gate.publishQos0(Topics.heartbeat(gateId), Messages.heartbeat(gateId, h -> {
            Messages.deviceState(h, "thermometer", "disconnected");
            ((ObjectNode) h.get("store")).put("used_pct", 91.5);
        }));

        Await.until("device-fault and storage alerts", () -> alerts().size() == 2);
        assertEquals("high", alert("device-fault").orElseThrow().severity());
        assertEquals("high", alert("storage").orElseThrow().severity());
        JsonNode g = gateJson();
        assertEquals(3, g.get("backlog").longValue());
        assertEquals(21.4, g.get("oldest_unsent_age_s").doubleValue());
        assertEquals(91.5, g.get("store_used_pct").doubleValue());
        assertTrue(g.get("clock_synced").booleanValue());
        assertEquals("disconnected", g.get("devices").get(0).get("state").textValue());
        assertNotNull(g.get("last_heartbeat_at").textValue());

        gate.publishQos0(Topics.heartbeat(gateId), Contract.forGate("heartbeat.json", gateId));

        Await.until("both resolved", () -> alerts().stream().allMatch(a -> a.resolvedAt() != null));
        assertEquals(2, alerts().size(), "no new alerts while healthy");
    }

    @Test
    void raisesGateOfflineWhenHeartbeatsStopWhileTheConnectionStaysUp() throws Exception {
        gate.publish(Topics.status(gateId), Contract.forGate("status-online.json", gateId));
        gate.publishQos0(Topics.heartbeat(gateId), Contract.forGate("heartbeat.json", gateId));
        Await.until(
                "heartbeat stored",
                () -> hub.store().gateHealth().stream().anyMatch(h -> h.gate().equals(gateId)));

        clock.advance(Duration.ofSeconds(91));

        Await.until("gate-offline alert", () -> alert("gate-offline").isPresent());
        AlertView offline = alert("gate-offline").orElseThrow();
        assertEquals("high", offline.severity());
        assertTrue(offline.message().contains("no heartbeat"), offline.message());

        gate.publishQos0(Topics.heartbeat(gateId), Contract.forGate("heartbeat.json", gateId));

        Await.until(
                "resolved by the next heartbeat",
                () -> alert("gate-offline").orElseThrow().resolvedAt() != null);
    }

    @Test
    void showsEachEntrysDelayAndWhetherItArrivedLate() throws Exception {
        Instant now = clock.instant();
        publishEntry(1, now.minusSeconds(60));
        publishEntry(2, now.minusMillis(2500));
        gate.publish(
                Topics.entries(gateId),
                Messages.bytes(
                        Messages.entry(gateId, EPOCH, 3, now.minusSeconds(600)).put("clock_synced", false)));
        Await.until("3 entries", () -> entries() == 3);

        JsonNode list = api.getJson("/api/entries?gate=" + gateId + "&limit=3").get("entries");

        List<Long> seqs = new ArrayList<>();
        list.forEach(e -> seqs.add(e.get("seq").longValue()));
        assertEquals(List.of(3L, 2L, 1L), seqs, "newest first");
        assertTrue(list.get(0).get("delay_ms").isNull(), "unknown without a synchronised clock");
        assertFalse(list.get(0).get("late").booleanValue());
        assertEquals(2500, list.get(1).get("delay_ms").longValue());
        assertFalse(list.get(1).get("late").booleanValue());
        assertEquals(60_000, list.get(2).get("delay_ms").longValue());
        assertTrue(list.get(2).get("late").booleanValue());
    }

    @Test
    void setsAsideAHeartbeatThatNamesAnotherGate() throws Exception {
        gate.publishQos0(Topics.heartbeat(gateId), Contract.bytes("heartbeat.json"));
        publishEntry(1, clock.instant());

        Await.until("the entry behind it stored", () -> entries() == 1);
        assertTrue(hub.store().deadLetters(50).stream()
                .anyMatch(d ->
                        d.topic().equals(Topics.heartbeat(gateId)) && d.reason().startsWith("gate: differs")));
        assertFalse(hub.store().gateHealth().stream().anyMatch(h -> h.gate().equals(gateId)));
    }

    @Test
    void ingestsEveryPublishedEntryOnceInGroupCommitsAndPrintsTheRate() throws Exception {
        MqttAsyncClient publisher = new MqttAsyncClient(hub.brokerUrl(), gateId + "-load", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1_000);
        publisher.connect(o).waitForCompletion(10_000);
        String single = gateId + "-1";
        String batched = gateId + "-b";
        try {
            double singles = entriesPerSecond(SINGLES, () -> {
                List<IMqttDeliveryToken> sent = new ArrayList<>();
                for (long seq = 1; seq <= SINGLES; seq++) {
                    sent.add(publisher.publish(
                            Topics.entries(single),
                            Messages.bytes(Messages.entry(single, EPOCH, seq, clock.instant())),
                            1,
                            false));
                }
                for (IMqttDeliveryToken t : sent) {
                    t.waitForCompletion(30_000);
                }
            });
            double batches = entriesPerSecond(BATCHES * BATCH_SIZE, () -> {
                for (int b = 0; b < BATCHES; b++) {
                    long from = 1 + (long) b * BATCH_SIZE;
                    publisher
                            .publish(
                                    Topics.batch(batched),
                                    Messages.bytes(Messages.batch(
                                            batched, EPOCH, from, from + BATCH_SIZE - 1, clock.instant())),
                                    1,
                                    false)
                            .waitForCompletion(30_000);
                }
            });
            System.out.printf(
                    Locale.ROOT,
                    "hub ingest through embedded Moquette on %s: %.0f entries/s as %d single"
                            + " messages, %.0f entries/s as %d batches of %d%n",
                    backend,
                    singles,
                    SINGLES,
                    batches,
                    BATCHES,
                    BATCH_SIZE);
        } finally {
            publisher.disconnect().waitForCompletion(5_000);
            publisher.close();
        }
        assertEquals(SINGLES, hub.store().ackedUpTo(single, EPOCH));
        assertEquals(BATCHES * BATCH_SIZE, hub.store().ackedUpTo(batched, EPOCH));
        assertEquals(
                SINGLES, hub.store().recentEntries(Optional.of(single), 1000).size());
    }

    private interface Publishing {
        void run() throws Exception;
    }

    /** Entries per second from the first publish until {@code count} more new entries are committed. */
    private double entriesPerSecond(int count, Publishing publish) throws Exception {
        long before = hub.ingestStats().entriesStored();
        long start = System.nanoTime();
        publish.run();
        Await.until(
                count + " entries stored",
                Duration.ofSeconds(60),
                () -> hub.ingestStats().entriesStored() - before == count);
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
