package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.hub.ack.RetainedPublisher;
import org.gatepost.hub.store.AuditRecord;
import org.gatepost.hub.store.Lease;
import org.gatepost.hub.store.ListStore;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListPublisherTest extends OnEachBackend {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);
    private static final AuditRecord AUDIT = AuditRecord.of(CLOCK.instant(), "admin", "list-import", "x", null, null);

    /** Records what would be published; fails the first {@code failures} calls like a broker that is down. */
    static final class RecordingPublisher implements RetainedPublisher {
        record Message(String topic, byte[] payload) {}

        final List<Message> published = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void publishRetained(String topic, byte[] payload) throws Exception {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("broker unreachable");
            }
            published.add(new Message(topic, payload));
        }

        List<String> topics() {
            return published.stream().map(Message::topic).toList();
        }
    }

    private Storage db;
    private ListStore store;
    private final RecordingPublisher mqtt = new RecordingPublisher();
    private ListPublisher publisher;

    @BeforeEach
    void open() throws Exception {
        db = databases.open(backend);
        store = db.lists();
        for (ListKind k : ListKind.values()) {
            store.ensure(k.wire(), List.of(), List.of(), CLOCK.instant());
        }
        publisher = new ListPublisher(store, mqtt, CLOCK, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    @AfterEach
    void close() {
        publisher.close();
        db.close();
    }

    @Test
    void publishesEveryListOnStartAndTheManifestLast() throws Exception {
        publisher.start();
        Await.until("a manifest", () -> publisher.manifestsPublished() == 1);

        List<String> expected = new ArrayList<>();
        for (ListKind k : ListKind.values()) {
            expected.add(ListTopics.part(k, 1));
        }
        expected.add(ListTopics.MANIFEST);
        assertEquals(expected, mqtt.topics());
    }

    @Test
    void retriesAfterTheBrokerRefusesUntilTheManifestIsOut() throws Exception {
        mqtt.failures.set(3);
        publisher.start();
        Await.until("a manifest after retries", () -> publisher.manifestsPublished() == 1);
        assertEquals(ListTopics.MANIFEST, mqtt.topics().getLast());
        assertEquals(
                ListKind.values().length + 1,
                mqtt.topics().size(),
                "each list once, then the manifest: " + mqtt.topics());
    }

    @Test
    void republishesOnlyTheChangedListAndClearsPartsLeftFromALongerVersion() throws Exception {
        List<String> many = new ArrayList<>(Collections.nCopies(3000, "{\"household\":\"" + "户".repeat(40) + "\"}"));
        store.replace("blocked", many, Collections.nCopies(many.size(), ""), CLOCK.instant(), AUDIT);
        publisher.start();
        Await.until("first manifest", () -> publisher.manifestsPublished() == 1);
        long parts = mqtt.topics().stream()
                .filter(t -> t.startsWith(ListTopics.ROOT + "blocked/"))
                .count();
        assertTrue(parts >= 2, "parts: " + parts);
        mqtt.published.clear();

        store.replace("blocked", List.of("{\"household\":\"7-1-101\"}"), List.of(""), CLOCK.instant(), AUDIT);
        publisher.requestPublish();
        Await.until("second manifest", () -> publisher.manifestsPublished() == 2);

        List<String> expected = new ArrayList<>();
        for (int p = 1; p <= parts; p++) {
            expected.add(ListTopics.part(ListKind.BLOCKED, p));
        }
        expected.add(ListTopics.MANIFEST);
        assertEquals(expected, mqtt.topics());
        for (int p = 2; p <= parts; p++) {
            assertEquals(0, mqtt.published.get(p - 1).payload().length, "part " + p + " cleared");
        }
    }

    /** A lease the test holds or gives up by hand. */
    private static final class HandLease implements Lease {
        volatile boolean held;

        @Override
        public String name() {
            return "lists";
        }

        @Override
        public boolean held() {
            return held;
        }
    }

    @Test
    void withoutTheListsLeaseItAnnouncesChangesButPublishesNothing() throws Exception {
        HandLease lease = new HandLease();
        AtomicInteger announced = new AtomicInteger();
        publisher.useLease(lease, announced::incrementAndGet);
        publisher.start();
        store.replace("blocked", List.of("{\"household\":\"7-1-101\"}"), List.of(""), CLOCK.instant(), AUDIT);
        publisher.requestPublish();
        assertEquals(1, announced.get(), "the other instances are told");
        // Lets the publish asked for above run while the lease is not held; otherwise it may run after the lease is
        // taken, publish everything, and the republish below would publish it all a second time (0 -> 2 manifests
        // between two polls of the wait: the timeout seen in CI).
        publisher.awaitQueued();
        assertEquals(List.of(), mqtt.topics(), "nothing published without the lease");

        lease.held = true;
        publisher.republishAll();
        // Generous: in CI this shares two cores with PostgreSQL and once took more than the default 10 s.
        Await.until(
                "everything published once the lease is taken",
                Duration.ofSeconds(30),
                () -> publisher.manifestsPublished() == 1);
        assertEquals(
                ListKind.values().length + 1,
                mqtt.topics().size(),
                "each list, then the manifest, and " + "nothing from before the lease: " + mqtt.topics());
    }

    @Test
    void theHolderFindsAChangeNobodyAnnouncedWithinAPoll() throws Exception {
        HandLease lease = new HandLease();
        lease.held = true;
        publisher.useLease(lease, () -> {});
        publisher.start();
        Await.until("first manifest", () -> publisher.manifestsPublished() == 1);
        mqtt.published.clear();
        // As another instance's operator would, with the word about it lost.
        store.replace("blocked", List.of("{\"household\":\"7-1-101\"}"), List.of(""), CLOCK.instant(), AUDIT);
        Await.until(
                "the change published by the poll",
                ListPublisher.POLL.plusSeconds(5),
                () -> publisher.manifestsPublished() == 2);
        assertEquals(List.of(ListTopics.part(ListKind.BLOCKED, 1), ListTopics.MANIFEST), mqtt.topics());
    }
}
