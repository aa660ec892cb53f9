package org.gatepost.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.FaultInjectingStore;
import org.gatepost.hub.testing.Messages;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestIngestWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestWorkerTest extends OnEachBackend {
    private static final String ENTRIES = "gatepost/v1/gates/north-gate/entries";
    private static final String STATUS = "gatepost/v1/gates/north-gate/status";
    private static final String BATCH = "gatepost/v1/gates/north-gate/batch";
    private static final String HEARTBEAT = "gatepost/v1/gates/north-gate/heartbeat";

    private final IngestLanes inbox = new IngestLanes();
    private final List<Integer> acked = new CopyOnWriteArrayList<>();
    private final List<Long> progress = new CopyOnWriteArrayList<>();
    private final AtomicInteger ticks = new AtomicInteger();
    private FaultInjectingStore store;
    private IngestWorker worker;
    /** The worker starts with the first {@link #receive}, so tests can queue several messages first. */
    private boolean started;

    @BeforeEach
    void start() throws Exception {
        store = new FaultInjectingStore(databases.open(backend).hub());
        worker = recordingWorker().build();
    }

    /** A worker that records acks, progress and ticks in this test's lists. */
    private TestIngestWorker recordingWorker() {
        return TestIngestWorker.on(inbox, store, m -> acked.add(m.id()))
                .reporting((gate, epoch, upTo) -> progress.add(upTo), now -> ticks.incrementAndGet());
    }

    /** A worker that groups up to {@code maxGroup} queued messages, on the system clock, without ticks between. */
    private TestIngestWorker groupingWorker(int maxGroup, MessageAcker acker) {
        return TestIngestWorker.on(inbox, store, acker)
                .running(
                        Clock.systemUTC(),
                        new IngestWorker.Tuning(
                                maxGroup, Duration.ofHours(1), Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    @AfterEach
    void stop() {
        if (started) {
            worker.close();
        }
        store.close();
    }

    private void receive(int id, String topic, byte[] payload) {
        inbox.addLive(new InboundMessage(topic, payload, id, 1));
        if (!started) {
            started = true;
            worker.start();
        }
    }

    @Test
    void acknowledgesAnEntryAfterStoringIt() throws Exception {
        receive(7, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 1));

        Await.until("ack", () -> acked.equals(List.of(7)));
        assertEquals(1, store.counts().entries());
        assertEquals(List.of(1L), progress);
    }

    @Test
    void retriesAFailedCommitAndAcknowledgesOnlyAfterItSucceeds() throws Exception {
        store.failNextWrites.set(3);

        receive(1, ENTRIES, Contract.bytes("entry-deny-fever.json"));

        Await.until("ack after recovery", () -> acked.equals(List.of(1)));
        assertEquals(3, worker.stats().storeFailures());
        assertEquals(1, store.counts().entries());
        assertEquals(1, store.counts().alerts());
    }

    @Test
    void retriesAtMostEverySecondWhileTheDiskIsFull() throws Exception {
        worker = recordingWorker()
                .running(
                        Clock.systemUTC(),
                        new IngestWorker.Tuning(
                                500, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(30)))
                .build();
        store.failuresAreDiskFull = true;
        store.failNextWrites.set(2);
        long start = System.nanoTime();

        receive(1, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 1));

        Await.until("ack after the disk has room again", Duration.ofSeconds(10), () -> acked.equals(List.of(1)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(
                // Capped: two retries 1 s apart (2 s). Uncapped they would come 2 s then 4 s apart (6 s); the upper
                // bound sits between the two, with room for a loaded machine.
                ms >= 2 * IngestWorker.DISK_FULL_RETRY_MAX.toMillis() - 50 && ms < 5_000,
                "two retries 1 s apart, not 2 s then 4 s: " + ms + " ms");
    }

    @Test
    void keepsArrivalOrderWhileRetrying() throws Exception {
        store.failNextWrites.set(2);

        receive(1, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 1));
        receive(2, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 2));

        Await.until("both acked", () -> acked.size() == 2);
        assertEquals(List.of(1, 2), acked);
        assertEquals(List.of(1L, 2L), progress);
    }

    @Test
    void setsAsideInvalidMessagesAsDeadLettersAndGoesOn() throws Exception {
        receive(1, ENTRIES, "{not json".getBytes(StandardCharsets.UTF_8));
        receive(2, "gatepost/v1/gates/south-gate/entries", Contract.bytes("entry-admit.json"));
        receive(3, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 1));

        Await.until("all acked", () -> acked.size() == 3);
        assertEquals(List.of(1, 2, 3), acked);
        assertEquals(2, store.counts().deadLetters());
        assertEquals(2, worker.stats().deadLetters());
        assertEquals(1, store.counts().entries());
    }

    @Test
    void reportsTheHighWaterMarkForADuplicateToo() throws Exception {
        receive(1, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 1));
        receive(2, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 1));

        Await.until("both acked", () -> acked.size() == 2);
        assertEquals(List.of(1L, 1L), progress);
        assertEquals(1, worker.stats().duplicates());
    }

    @Test
    void appliesAStatusAndIgnoresAClearedRetainedStatus() throws Exception {
        receive(1, STATUS, Contract.bytes("status-offline-lost.json"));
        receive(2, STATUS, new byte[0]);

        Await.until("both acked", () -> acked.size() == 2);
        assertEquals("offline", store.gates(Instant.EPOCH).get(0).state());
        assertEquals(0, store.counts().deadLetters());
    }

    @Test
    void doesNotAcknowledgeQosZeroMessages() throws Exception {
        inbox.addLive(new InboundMessage(ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 1), 0, 0));
        worker.start();
        started = true;
        receive(5, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 2));

        Await.until("qos 1 acked", () -> acked.size() == 1);
        assertEquals(List.of(5), acked);
        assertTrue(store.counts().entries() == 2);
    }

    @Test
    void commitsEverythingQueuedInOneTransactionAndThenAcknowledgesInArrivalOrder() throws Exception {
        List<Long> storedAtAck = new CopyOnWriteArrayList<>();
        IngestWorker grouping = groupingWorker(500, m -> {
                    acked.add(m.id());
                    storedAtAck.add(store.counts().entries());
                })
                .reporting((gate, epoch, upTo) -> progress.add(upTo), now -> {})
                .build();
        for (int id = 1; id <= 300; id++) {
            inbox.addLive(new InboundMessage(ENTRIES, Contract.admitWithSeq(Contract.EPOCH, id), id, 1));
        }

        grouping.start();
        try {
            Await.until("300 acks", () -> acked.size() == 300);
        } finally {
            grouping.close();
        }

        assertEquals(1, store.transactions.get(), "one transaction for the whole queue");
        for (int i = 0; i < 300; i++) {
            assertEquals(i + 1, acked.get(i), "ack order");
            assertEquals(300, storedAtAck.get(i), "every ack comes after the commit");
        }
        assertEquals(300L, progress.get(progress.size() - 1));
    }

    @Test
    void writesAGroupOfSeveralGatesAndSeqsBackwardsInOneTransactionAndAcknowledgesInArrivalOrder() throws Exception {
        IngestWorker grouping = groupingWorker(500, m -> acked.add(m.id())).build();
        List<String> gates = List.of("g-c", "g-a", "g-b");
        int id = 0;
        for (long seq = 20; seq >= 1; seq--) {
            for (String gate : gates) {
                inbox.addLive(new InboundMessage(
                        Topics.entries(gate), Contract.admitWithSeq(gate, Contract.EPOCH, seq), ++id, 1));
            }
        }

        grouping.start();
        try {
            Await.until("60 acks", () -> acked.size() == 60);
        } finally {
            grouping.close();
        }

        assertEquals(1, store.transactions.get(), "one transaction for the whole queue");
        for (int i = 0; i < 60; i++) {
            assertEquals(i + 1, acked.get(i), "ack order is arrival order");
        }
        for (String gate : gates) {
            assertEquals(20, store.ackedUpTo(gate, Contract.EPOCH), gate);
        }
    }

    @Test
    void splitsALongQueueIntoGroupsOfAtMostMaxGroup() throws Exception {
        IngestWorker small = groupingWorker(40, m -> acked.add(m.id())).build();
        for (int id = 1; id <= 100; id++) {
            inbox.addLive(new InboundMessage(ENTRIES, Contract.admitWithSeq(Contract.EPOCH, id), id, 1));
        }

        small.start();
        try {
            Await.until("100 acks", () -> acked.size() == 100);
        } finally {
            small.close();
        }

        assertEquals(3, store.transactions.get(), "40 + 40 + 20");
    }

    @Test
    void retriesAFailedGroupAndAcknowledgesNothingUntilItCommits() throws Exception {
        store.failNextWrites.set(2);
        inbox.addLive(new InboundMessage(ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 1), 1, 1));
        inbox.addLive(new InboundMessage(ENTRIES, "{bad".getBytes(StandardCharsets.UTF_8), 2, 1));
        receive(3, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 2));

        Await.until("all acked", () -> acked.size() == 3);
        assertEquals(List.of(1, 2, 3), acked);
        assertEquals(2, worker.stats().storeFailures());
        assertEquals(2, store.counts().entries());
        assertEquals(1, store.counts().deadLetters());
    }

    @Test
    void storesAValidBatchWholeAndAcknowledgesTheMessageOnce() throws Exception {
        ObjectNode b = Messages.batch(Contract.GATE, Contract.EPOCH, 1, 3, Instant.parse("2026-11-28T08:00:00Z"));
        ((ObjectNode) b.get("entries").get(1)).put("decision", "deny-fever");

        receive(9, BATCH, Messages.bytes(b));

        Await.until("ack", () -> acked.equals(List.of(9)));
        assertEquals(3, store.counts().entries());
        assertEquals(1, store.counts().alerts(), "the fever entry inside the batch raises its alert");
        assertEquals(List.of(3L), progress);
        assertEquals(3, worker.stats().entriesStored());
    }

    @Test
    void aBatchDeliveredAgainRaisesNoSecondAlert() throws Exception {
        byte[] batch = Contract.bytes("batch.json");
        receive(1, BATCH, batch);
        receive(2, BATCH, batch);

        Await.until("both acked", () -> acked.size() == 2);
        assertEquals(2, store.counts().entries());
        assertEquals(1, store.counts().alerts());
        assertEquals(2, worker.stats().duplicates());
    }

    @Test
    void setsAsideABatchWithOneBadEntryWholeAsADeadLetter() throws Exception {
        Instant at = Instant.parse("2026-11-28T08:00:00Z");
        ObjectNode otherEpoch = Messages.batch(Contract.GATE, Contract.EPOCH, 1, 3, at);
        ((ObjectNode) otherEpoch.get("entries").get(2))
                .put("epoch", "0123456789abcdef")
                .put("id", Contract.GATE + "-0123456789abcdef-3");
        ObjectNode skipsOne = Messages.batch(Contract.GATE, Contract.EPOCH, 1, 3, at);
        skipsOne.withArray("entries").remove(1);

        receive(1, BATCH, Messages.bytes(otherEpoch));
        receive(2, BATCH, Messages.bytes(skipsOne));

        Await.until("both acked", () -> acked.size() == 2);
        assertEquals(0, store.counts().entries());
        assertEquals(2, store.counts().deadLetters());
        List<String> reasons =
                store.deadLetters(10).stream().map(d -> d.reason()).toList();
        assertTrue(reasons.contains("entries[2].epoch: differs from the batch's epoch"), reasons.toString());
        assertTrue(reasons.contains("entries[1].seq: must be 2 (consecutive, ascending)"), reasons.toString());
    }

    @Test
    void storesAHeartbeatWithoutAcknowledgingItAtQosZero() throws Exception {
        inbox.addLive(new InboundMessage(HEARTBEAT, Contract.bytes("heartbeat.json"), 0, 0));
        receive(4, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 1));

        Await.until("entry acked", () -> acked.size() == 1);
        assertEquals(List.of(4), acked);
        assertEquals(3, store.gateHealth().get(0).backlog());
    }

    @Test
    void runsThePeriodicWorkWhileIdle() throws Exception {
        worker.start();
        started = true;

        Await.until("ticks", () -> ticks.get() >= 3);
    }
}
