package org.gatepost.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.DeadLetterView;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HubStoreOnEachBackend;
import org.gatepost.hub.testing.Messages;
import org.gatepost.hub.testing.TestIngestWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Same {@code (gate, epoch, seq)}, different content: the first entry stays, the other is kept aside as a dead
 * letter and raises one {@code conflicting-entry} alert; an exact resend stays a silent duplicate. On each backend.
 */
class ConflictingEntryTest extends HubStoreOnEachBackend {
    private static final String ENTRIES = "gatepost/v1/gates/north-gate/entries";
    private static final String BATCH = "gatepost/v1/gates/north-gate/batch";
    private static final String ID_1 = Contract.GATE + "-" + Contract.EPOCH + "-1";
    private static final String ID_2 = Contract.GATE + "-" + Contract.EPOCH + "-2";

    private final IngestLanes inbox = new IngestLanes();
    private final List<Integer> acked = new CopyOnWriteArrayList<>();
    private IngestWorker worker;
    private boolean started;
    private int nextId;

    @BeforeEach
    void open() throws Exception {
        worker = TestIngestWorker.on(inbox, store, m -> acked.add(m.id())).build();
    }

    @AfterEach
    void close() {
        if (started) {
            worker.close();
        }
    }

    private void receive(String topic, byte[] payload) {
        inbox.addLive(new InboundMessage(topic, payload, ++nextId, 1));
        if (!started) {
            started = true;
            worker.start();
        }
    }

    private void awaitAcked(int n) throws Exception {
        Await.until(n + " acked", () -> acked.size() == n);
    }

    /** Entry 1 or 2 of the contract example, with {@code ambient_c} changed: other content, same key. */
    private static byte[] admit(long seq, double ambientC) {
        ObjectNode n = Messages.entry(Contract.GATE, Contract.EPOCH, seq, Instant.parse("2026-11-28T08:15:02.417Z"));
        ((ObjectNode) n.get("temperature")).put("ambient_c", ambientC);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSecondEntryWithTheSameSeqAndOtherContentIsKeptAsideAndAlertedAndTheFirstStays() throws Exception {
        receive(ENTRIES, admit(1, 21.4));
        receive(ENTRIES, admit(1, 19.0));
        awaitAcked(2);

        assertEquals(1, store.counts().entries());
        assertEquals(
                21.4,
                store.recentEntries(Optional.empty(), 5).get(0).temperature().ambientC(),
                "the first stays");
        List<DeadLetterView> letters = store.deadLetters(5);
        assertEquals(1, letters.size());
        assertEquals(
                "seq: entry " + ID_1 + " is already stored with different content (the first is kept)",
                letters.get(0).reason());
        assertEquals(ENTRIES, letters.get(0).topic());
        assertTrue(
                letters.get(0).payloadPreview().contains("\"ambient_c\":19.0"),
                letters.get(0).payloadPreview());
        List<AlertView> alerts = store.recentAlerts(Optional.of(Contract.GATE), 5);
        assertEquals(
                List.of("conflicting-entry"),
                alerts.stream().map(AlertView::kind).toList());
        assertEquals("high", alerts.get(0).severity());
        assertEquals(ID_1, alerts.get(0).entryId());
        assertEquals(1, worker.stats().deadLetters());
        assertEquals(0, worker.stats().duplicates());
    }

    @Test
    void anExactResendStaysASilentDuplicate() throws Exception {
        receive(ENTRIES, admit(1, 21.4));
        receive(ENTRIES, admit(1, 21.4));
        awaitAcked(2);

        assertEquals(1, store.counts().entries());
        assertEquals(0, store.counts().deadLetters());
        assertEquals(0, store.counts().alerts());
        assertEquals(1, worker.stats().duplicates());
    }

    @Test
    void aThirdVersionIsKeptAsideTooButAlertsOnlyOnce() throws Exception {
        receive(ENTRIES, admit(1, 21.4));
        receive(ENTRIES, admit(1, 19.0));
        receive(ENTRIES, admit(1, 18.0));
        awaitAcked(3);

        assertEquals(2, store.counts().deadLetters());
        assertEquals(1, store.counts().alerts());
    }

    @Test
    void aBatchEntryThatConflictsIsKeptAsideNamingItsPlaceAndTheRestOfTheBatchIsStored() throws Exception {
        receive(ENTRIES, admit(2, 21.4));
        ObjectNode batch =
                Messages.batch(Contract.GATE, Contract.EPOCH, 1, 3, Instant.parse("2026-11-28T08:15:02.417Z"));
        ((ObjectNode) batch.get("entries").get(1).get("temperature")).put("ambient_c", 19.0);
        receive(BATCH, Messages.bytes(batch));
        awaitAcked(2);

        assertEquals(3, store.counts().entries());
        List<DeadLetterView> letters = store.deadLetters(5);
        assertEquals(1, letters.size());
        assertEquals(
                "entries[1].seq: entry " + ID_2 + " is already stored with different content (the first is kept)",
                letters.get(0).reason());
        assertEquals(BATCH, letters.get(0).topic());
        List<AlertView> alerts = store.recentAlerts(Optional.of(Contract.GATE), 5);
        assertEquals(
                List.of("conflicting-entry"),
                alerts.stream().map(AlertView::kind).toList());
        assertEquals(ID_2, alerts.get(0).entryId());
    }

    @Test
    void aBatchThatRepeatsStoredEntriesExactlyRaisesNothing() throws Exception {
        Instant at = Instant.parse("2026-11-28T08:15:02.417Z");
        receive(BATCH, Messages.bytes(Messages.batch(Contract.GATE, Contract.EPOCH, 1, 3, at)));
        receive(BATCH, Messages.bytes(Messages.batch(Contract.GATE, Contract.EPOCH, 1, 3, at)));
        awaitAcked(2);

        assertEquals(3, store.counts().entries());
        assertEquals(0, store.counts().deadLetters());
        assertEquals(0, store.counts().alerts());
    }
}
