package org.gatepost.agent.uplink;

import static org.gatepost.agent.testing.Seqs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gatepost.agent.contract.AckMessage;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pump's cursor, window, ack and resend rules with single entries (batch size 1), driven tick by tick with a
 * recording sender and real SQLite. Batching, the alert lane and resend requests: {@link OutboxPumpBatchingTest}.
 */
class OutboxPumpTest {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration RESEND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private SqliteEntryStore store;
    private final RecordingSender sender = new RecordingSender();
    private int wakeups;
    private OutboxPump pump;

    @BeforeEach
    void setUp() throws StoreException {
        store = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", Clock.systemUTC());
        pump = new OutboxPump(store, sender, "north-gate", 3, 1, RESEND, () -> wakeups++);
        pump.restart(T0);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private void append(int n) throws StoreException {
        for (int i = 0; i < n; i++) {
            store.append(SampleDrafts.admit(i));
        }
    }

    private AckMessage ack(long upTo) {
        return new AckMessage(store.epoch(), upTo);
    }

    @Test
    void publishesInSeqOrderWithAtMostTheWindowInFlight() throws StoreException {
        append(7);
        pump.tick(T0);
        assertEquals(range(1, 3), sender.takeSent());
        assertEquals(3, pump.inFlight());

        pump.tick(T0);
        assertEquals(List.of(), sender.takeSent(), "window full");

        sender.deliver(1);
        pump.tick(T0);
        assertEquals(List.of(4L), sender.takeSent());

        sender.deliverAll();
        pump.tick(T0);
        assertEquals(range(5, 7), sender.takeSent());
        sender.deliverAll();
        assertEquals(0, pump.inFlight());
        assertEquals(7, pump.published());
        assertTrue(wakeups >= 2, "completions wake the pump thread");
    }

    @Test
    void aBusyTransportIsRetriedNeverSkipped() throws StoreException {
        append(4);
        sender.busyOnce.add(2L);
        pump.tick(T0);
        assertEquals(List.of(1L), sender.takeSent());
        assertEquals(1, pump.inFlight(), "the busy entry gave its window place back");

        pump.tick(T0);
        assertEquals(range(2, 3), sender.takeSent());
    }

    @Test
    void nothingIsLostWhileDisconnected() throws StoreException {
        append(2);
        sender.connected = false;
        pump.tick(T0);
        assertEquals(0, pump.inFlight());

        sender.connected = true;
        pump.tick(T0);
        assertEquals(range(1, 2), sender.takeSent());
    }

    @Test
    void ackMarksEntriesDeliveredAndTheyAreNotSentAgain() throws StoreException {
        append(3);
        pump.tick(T0);
        sender.deliverAll();
        assertNull(pump.lastAckAt());

        pump.offerAck(ack(2));
        pump.tick(T0.plusSeconds(1));
        assertEquals(2, store.ackedUpTo());
        assertEquals(T0.plusSeconds(1), pump.lastAckAt());

        pump.restart(T0.plusSeconds(2));
        pump.tick(T0.plusSeconds(2));
        assertEquals(List.of(1L, 2L, 3L, 3L), List.copyOf(sender.sent), "after a reconnect only seq 3 again");
    }

    @Test
    void restartRepublishesEverythingAboveTheLastAckInOrder() throws StoreException {
        append(5);
        pump.tick(T0);
        sender.deliverAll();
        pump.tick(T0);
        sender.deliverAll();
        pump.offerAck(ack(1));
        pump.tick(T0);
        sender.takeSent();

        pump.restart(T0.plusSeconds(1));
        pump.tick(T0.plusSeconds(1));
        assertEquals(range(2, 4), sender.takeSent());
    }

    @Test
    void republishesFromTheLastAckWhenTheHubStaysQuietForTheResendInterval() throws StoreException {
        append(3);
        pump.tick(T0);
        sender.deliverAll();
        sender.takeSent();

        assertEquals(RESEND.toMillis(), pump.millisUntilDue(T0));
        pump.tick(T0.plus(RESEND).minusMillis(1));
        assertEquals(List.of(), sender.takeSent(), "not yet");

        pump.tick(T0.plus(RESEND));
        assertEquals(range(1, 3), sender.takeSent());
        sender.deliverAll();

        pump.offerAck(ack(2));
        Instant acked = T0.plus(RESEND).plusSeconds(5);
        pump.tick(acked);
        assertEquals(RESEND.toMillis(), pump.millisUntilDue(acked), "ack progress restarts the wait");
        pump.tick(acked.plus(RESEND));
        assertEquals(List.of(3L), sender.takeSent());
    }

    @Test
    void eachResendWithoutProgressDoublesTheWaitSoALongOutageIsNoFlood() throws StoreException {
        append(3);
        pump.tick(T0);
        sender.deliverAll();
        sender.takeSent();
        Instant t = T0;
        for (int doubling = 0; doubling <= OutboxPump.MAX_RESEND_DOUBLINGS + 1; doubling++) {
            long wait = RESEND.toMillis() << Math.min(doubling, OutboxPump.MAX_RESEND_DOUBLINGS);
            assertEquals(wait, pump.millisUntilDue(t), "wait before resend " + (doubling + 1));
            t = t.plusMillis(wait);
            pump.tick(t);
            assertEquals(range(1, 3), sender.takeSent());
            sender.deliverAll();
        }
        pump.offerAck(ack(1));
        pump.tick(t);
        assertEquals(RESEND.toMillis(), pump.millisUntilDue(t), "ack progress resets the wait to resendAfter");
    }

    @Test
    void noResendTimerRunsWhileEverythingIsAcknowledged() throws StoreException {
        append(1);
        pump.tick(T0);
        sender.deliverAll();
        pump.offerAck(ack(1));
        pump.tick(T0);
        sender.takeSent();

        assertEquals(Long.MAX_VALUE, pump.millisUntilDue(T0));
        pump.tick(T0.plus(RESEND).plus(RESEND));
        assertEquals(List.of(), sender.takeSent());

        append(1);
        pump.tick(T0.plus(RESEND).plus(RESEND).plusSeconds(1));
        assertEquals(List.of(2L), sender.takeSent(), "a new entry after a long idle is not resent at once");
        pump.tick(T0.plus(RESEND).plus(RESEND).plusSeconds(2));
        assertEquals(List.of(), sender.takeSent());
    }

    @Test
    void aFailedPublishIsSentAgain() throws StoreException {
        append(3);
        pump.tick(T0);
        sender.deliver(1);
        sender.fail(2);
        sender.deliver(3);
        sender.takeSent();

        pump.tick(T0);
        assertEquals(range(2, 3), sender.takeSent());
    }

    @Test
    void aDeliveryReportedTwiceFreesOneWindowPlace() throws StoreException {
        append(1);
        pump.tick(T0);
        EntrySender.Delivery d = sender.take(1L);
        d.failed(new RuntimeException("connection lost"));
        d.delivered();
        d.delivered();
        assertEquals(0, pump.inFlight());
        assertEquals(0, pump.published(), "the first report counts");
    }

    @Test
    void acksForAnotherEpochBackwardsOrBeyondTheLastSeqAreIgnored() throws StoreException {
        append(5);
        pump.offerAck(ack(3));
        pump.offerAck(ack(1));
        pump.offerAck(new AckMessage("ffffffffffffffff", 5));
        pump.offerAck(ack(6));
        pump.tick(T0);
        assertEquals(3, store.ackedUpTo());
        assertNotNull(pump.lastAckAt());
        assertEquals(range(4, 5), sender.takeSent(), "publishing starts above the ack");
    }

    @Test
    void aForgedAckAboveTheLastCommittedSeqIsIgnoredAndCountedAndNothingIsSkipped() throws StoreException {
        append(3);
        pump.tick(T0);
        sender.deliverAll();
        assertEquals(range(1, 3), sender.takeSent());

        pump.offerAck(ack(5));
        pump.offerAck(ack(1_000_000));
        pump.tick(T0.plusSeconds(1));

        assertEquals(0, store.ackedUpTo(), "no entry is marked delivered");
        assertEquals(2, pump.acksBeyondLastSeq());
        assertEquals(null, pump.lastAckAt());
        pump.tick(T0.plus(RESEND));
        assertEquals(range(1, 3), sender.takeSent(), "still unacknowledged, so sent again after the resend interval");
    }
}
