package org.gatepost.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.lists.ListTopics;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.EventStream;
import org.gatepost.hub.testing.TestDatabases;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hubs on one PostgreSQL database, each with its own embedded broker, so a gate's entries reach only the hub
 * whose broker it uses: what the other hub shows and publishes it learns from the database and the cluster bus.
 * Hub B starts first and so holds every lease; the gate talks to hub A.
 */
class SeveralHubsTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private static final String GATE = "east-gate";
    private static final String EPOCH = "5b1e0c9a2f7d4e31";

    private final List<AutoCloseable> open = new ArrayList<>();
    private EventStream feed;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private Hub start(Path dir) throws Exception {
        Hub hub = Hub.start(TestHubs.config(dir, databases.hubKeys(Backend.POSTGRESQL)), Clock.systemUTC());
        open.add(hub);
        return hub;
    }

    private TestGateClient client(Hub hub, String id) throws Exception {
        TestGateClient c = TestGateClient.connect(hub.brokerUrl(), id);
        open.add(c);
        return c;
    }

    /** Opens {@code /api/events} on {@code hub} as the admin, and waits for its hello. */
    private void listen(Hub hub) throws Exception {
        feed = EventStream.open(hub.httpPort(), ApiSession.admin(hub.httpPort()));
        open.add(feed);
        next("hello", Duration.ofSeconds(10));
    }

    private JsonNode next(String name, Duration wait) throws InterruptedException {
        return feed.next(name, wait);
    }

    private static List<JsonNode> acks(TestGateClient c) {
        return c.received().stream()
                .filter(r -> r.topic().equals(Topics.ack(GATE)))
                .map(r -> ApiSession.parse(r.payload()))
                .toList();
    }

    /** The blocked list's versions in the list manifests {@code c} received, in order. */
    private static List<Long> blockedListVersions(TestGateClient c) {
        return c.received().stream()
                .filter(r -> r.topic().equals(ListTopics.MANIFEST))
                .map(r -> ApiSession.parse(r.payload())
                        .path("lists")
                        .path("blocked")
                        .path("version")
                        .longValue())
                .toList();
    }

    @Test
    void whatOneHubStoresTheOtherShowsAcknowledgesAndTakesOverWhenItStops(@TempDir Path dirB, @TempDir Path dirA)
            throws Exception {
        Hub b = start(dirB);
        Hub a = start(dirA);
        TestGateClient gate = client(a, GATE);
        gate.subscribe(Topics.ack(GATE));
        gate.subscribe(ListTopics.MANIFEST);
        TestGateClient watcherOnB = client(b, "watcher-on-b");
        watcherOnB.subscribe(Topics.ack(GATE));
        watcherOnB.subscribe(ListTopics.MANIFEST);
        listen(b);

        // Warm-up: the first entry also loads the classes on every path of both hubs.
        gate.publish(Topics.entries(GATE), Contract.admitWithSeq(GATE, EPOCH, 1));
        assertEquals(1, next("entry", Duration.ofSeconds(10)).get("seq").longValue());
        long sent = System.nanoTime();
        gate.publish(Topics.entries(GATE), Contract.admitWithSeq(GATE, EPOCH, 2));
        JsonNode entry = next("entry", Duration.ofSeconds(2));
        System.out.printf(
                "entry stored through hub A in hub B's live feed after %.0f ms%n", (System.nanoTime() - sent) / 1e6);
        assertEquals(GATE, entry.get("gate").textValue());
        assertEquals(2, entry.get("seq").longValue());

        Await.until(
                "hub B (holding acks) acknowledges what hub A stored",
                () -> acks(watcherOnB).stream()
                        .anyMatch(n -> n.get("epoch").textValue().equals(EPOCH)
                                && n.get("upTo").longValue() == 2));
        assertEquals(List.of(), acks(gate), "hub A, not holding acks, published none");

        ObjectNode household = JsonNodeFactory.instance.objectNode().put("household", "H-17");
        long listVersion = a.lists()
                .replaceItems(ListKind.BLOCKED, List.of(household), "test", "127.0.0.1")
                .version();
        Await.until(
                "hub B (holding lists) publishes the change an operator made on hub A",
                () -> blockedListVersions(watcherOnB).contains(listVersion));

        TestGateClient west = client(a, "west-gate");
        west.publish(Topics.entries("west-gate"), Contract.forGate("entry-deny-fever.json", "west-gate"));
        JsonNode alert = next("alert", Duration.ofSeconds(5));
        assertEquals("west-gate", alert.get("gate").textValue());
        ApiSession.admin(a.httpPort())
                .post("/api/alerts/" + alert.get("id").longValue() + "/acknowledge", Map.of("note", "seen on hub A"));
        JsonNode update = next("alert-update", Duration.ofSeconds(5));
        assertEquals(alert.get("id").longValue(), update.get("id").longValue(), "acknowledged on A, shown on B");
        assertEquals("admin", update.get("acknowledged_by").textValue());

        long stopped = System.nanoTime();
        b.close(); // releases its leases
        Await.until(
                "hub A takes acks over and acknowledges from the database",
                () -> acks(gate).stream()
                        .anyMatch(n -> n.get("epoch").textValue().equals(EPOCH)
                                && n.get("upTo").longValue() == 2));
        System.out.printf(
                "acks taken over by hub A after hub B stopped: %.1f s%n", (System.nanoTime() - stopped) / 1e9);
        Await.until(
                "hub A takes lists over and publishes them on its broker",
                () -> blockedListVersions(gate).contains(listVersion));
        gate.publish(Topics.entries(GATE), Contract.admitWithSeq(GATE, EPOCH, 3));
        Await.until(
                "hub A acknowledges its own entries now",
                () -> acks(gate).stream().anyMatch(n -> n.get("upTo").longValue() == 3));
        assertTrue(acks(gate).stream().allMatch(n -> n.get("upTo").longValue() >= 2), "never backwards");
    }
}
