package org.gatepost.hub.ingest;

import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.store.SqliteHubStore;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestWorkerTest {
    private static final String ENTRIES = "gatepost/v1/gates/north-gate/entries";
    private static final String STATUS = "gatepost/v1/gates/north-gate/status";

    @TempDir
    Path dir;
    private final LinkedBlockingQueue<InboundMessage> inbox = new LinkedBlockingQueue<>();
    private final List<Integer> acked = new CopyOnWriteArrayList<>();
    private final List<Long> progress = new CopyOnWriteArrayList<>();
    private FlakyStore store;
    private IngestWorker worker;

    @BeforeEach
    void start() throws Exception {
        store = new FlakyStore(SqliteHubStore.open(dir.resolve("hub.db")));
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);
        worker = new IngestWorker(inbox, store, new AlertRules(), m -> acked.add(m.id()),
                (gate, epoch, upTo) -> progress.add(upTo), clock, Duration.ofMillis(5), Duration.ofMillis(20));
        worker.start();
    }

    @AfterEach
    void stop() {
        worker.close();
        store.close();
    }

    private void receive(int id, String topic, byte[] payload) {
        inbox.add(new InboundMessage(topic, payload, id, 1));
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
        inbox.add(new InboundMessage(ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 1), 0, 0));
        receive(5, ENTRIES, Contract.admitWithSeq(Contract.EPOCH, 2));

        Await.until("qos 1 acked", () -> acked.size() == 1);
        assertEquals(List.of(5), acked);
        assertTrue(store.counts().entries() == 2);
    }
}
