package org.gatepost.agent.uplink;

import static org.gatepost.agent.testing.Seqs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gatepost.agent.contract.AckMessage;
import org.gatepost.agent.contract.ResendCommand;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batching, the hub-ack window, the single-entry fallback, the alert lane and hub resend requests, driven tick by
 * tick with a recording sender and real SQLite. Window 2, batch size 4.
 */
class OutboxPumpBatchingTest {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration RESEND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private SqliteEntryStore store;
    private final RecordingSender sender = new RecordingSender();
    private OutboxPump pump;

    @BeforeEach
    void setUp() throws StoreException {
        store = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", Clock.systemUTC());
        pump = new OutboxPump(store, sender, "north-gate", 2, 4, RESEND, () -> {});
        pump.restart(T0);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private void admit(int n) throws StoreException {
        store.appendAll(SampleDrafts.admits(0, n));
    }

    private AckMessage ack(long upTo) {
        return new AckMessage(store.epoch(), upTo);
    }

    private List<String> shapes(List<RecordingSender.Message> messages) {
        return messages.stream()
                .map(m -> (m.batch() ? "batch " : "entry ")
                        + m.first()
                        + (m.batch() ? "-" + m.seqs().getLast() : ""))
                .toList();
    }

    @Test
    void aBacklogGoesOutInBatchesOfConsecutiveEntriesWithinTheWindow() throws StoreException {
        admit(11);
        pump.tick(T0);
        assertEquals(List.of("batch 1-4", "batch 5-8"), shapes(sender.takeMessages()), "two messages: the window");

        sender.deliver(1);
        pump.tick(T0);
        assertEquals(List.of("batch 9-11"), shapes(sender.takeMessages()), "the rest, fewer than a batch");
        sender.deliverAll();
        assertEquals(11, pump.published(), "counted in entries");
    }

    @Test
    void aLoneEntryGoesOnTheEntriesTopic() throws StoreException {
        admit(1);
        pump.tick(T0);
        assertEquals(List.of("entry 1"), shapes(sender.takeMessages()));

        admit(1);
        pump.tick(T0);
        assertEquals(
                List.of("entry 2"), shapes(sender.takeMessages()), "live traffic stays single while 1 is in flight");
    }

    @Test
    void atMostMaxAheadEntriesAreSentBeyondTheHubsAck() throws StoreException {
        long ahead = pump.maxAhead();
        assertEquals(OutboxPump.MIN_AHEAD, ahead, "2 x 4 is below the floor");
        admit((int) ahead + 10);
        for (int round = 0; round < 200 && sender.sent.size() < ahead + 10; round++) {
            pump.tick(T0);
            sender.deliverAll();
        }
        assertEquals(range(1, ahead), sender.takeSent(), "stops at the hub window although the broker took everything");

        pump.offerAck(ack(6));
        pump.tick(T0.plusSeconds(1));
        sender.deliverAll();
        pump.tick(T0.plusSeconds(1));
        assertEquals(range(ahead + 1, ahead + 6), sender.takeSent(), "the hub's ack opens the window by as much");
    }

    @Test
    void afterAResendForLackOfProgressTheRangeGoesOutAsSingleEntriesThenBatchesAgain() throws StoreException {
        admit(6);
        pump.tick(T0);
        sender.deliverAll();
        sender.takeMessages();

        pump.tick(T0.plus(RESEND));
        assertEquals(List.of("entry 1", "entry 2"), shapes(sender.takeMessages()), "one bad entry holds back no batch");
        sender.deliverAll();
        pump.offerAck(ack(2));
        pump.tick(T0.plus(RESEND).plusSeconds(1));
        sender.deliverAll();
        pump.tick(T0.plus(RESEND).plusSeconds(1));
        assertEquals(List.of("entry 3", "entry 4", "entry 5", "entry 6"), shapes(sender.takeMessages()));

        admit(5);
        sender.deliverAll();
        pump.tick(T0.plus(RESEND).plusSeconds(2));
        assertEquals(List.of("batch 7-10", "entry 11"), shapes(sender.takeMessages()), "new entries batch again");
    }

    @Test
    void aFeverCommittedBehindABacklogGoesOutAtOnceAheadOfItAndAgainInItsPlace() throws StoreException {
        admit(20);
        pump.tick(T0);
        sender.takeMessages();
        EntryDraft fever = SampleDrafts.fever(1);
        long feverSeq = store.append(fever).seq();

        pump.tick(T0);
        assertEquals(
                List.of("entry " + feverSeq),
                shapes(sender.takeMessages()),
                "the window is full, the alert lane is not");
        sender.takeSent();

        for (int i = 0; i < 10 && !sender.sent.contains(feverSeq); i++) {
            sender.deliverAll();
            pump.tick(T0);
        }
        assertEquals(
                List.of("batch 9-12", "batch 13-16", "batch 17-20", "entry 21"),
                shapes(sender.messages).subList(0, 4),
                "and once more in its place, after the backlog");
    }

    @Test
    void aQuarantineBreachCommittedBehindABacklogTakesTheAlertLaneToo() throws StoreException {
        admit(20);
        pump.tick(T0);
        sender.takeMessages();
        EntryDraft fever = SampleDrafts.fever(1);
        long seq = store.append(new EntryDraft(
                        fever.at(),
                        fever.boot(),
                        fever.monoMs(),
                        true,
                        fever.credential(),
                        fever.temperature(),
                        Decision.DENY_QUARANTINE,
                        fever.thresholdC(),
                        RuleFields.plain(Decision.DENY_QUARANTINE),
                        null))
                .seq();

        pump.tick(T0);
        assertEquals(List.of("entry " + seq), shapes(sender.takeMessages()));
    }

    @Test
    void aFeverNextInLineIsSentOnceNotTwice() throws StoreException {
        admit(2);
        pump.tick(T0);
        sender.deliverAll();
        pump.offerAck(ack(2));
        pump.tick(T0);
        sender.takeMessages();

        long seq = store.append(SampleDrafts.fever(1)).seq();
        pump.tick(T0);
        assertEquals(List.of("entry " + seq), shapes(sender.takeMessages()));
        sender.deliverAll();
        pump.tick(T0);
        assertEquals(List.of(), sender.takeMessages());
    }

    @Test
    void aHubResendRequestRepublishesTheRangeAcknowledgedRowsIncluded() throws StoreException {
        admit(10);
        for (int i = 0; i < 3; i++) {
            pump.tick(T0);
            sender.deliverAll();
        }
        pump.offerAck(ack(10));
        pump.tick(T0);
        sender.takeMessages();
        assertEquals(0, store.unackedCount());

        pump.offerResend(new ResendCommand("r1", store.epoch(), 3, 9));
        pump.tick(T0);
        assertEquals(List.of("batch 3-6", "batch 7-9"), shapes(sender.takeMessages()));
    }

    @Test
    void resendRequestsForAnotherEpochOrPastTheLastSeqAreIgnoredAndAnEndPastItIsCut() throws StoreException {
        admit(5);
        pump.tick(T0);
        sender.deliverAll();
        sender.takeMessages();

        pump.offerResend(new ResendCommand("r1", "ffffffffffffffff", 1, 2));
        pump.offerResend(new ResendCommand("r2", store.epoch(), 6, 9));
        pump.offerResend(new ResendCommand("r3", store.epoch(), 5, 99));
        pump.tick(T0);
        assertEquals(List.of("entry 5"), shapes(sender.takeMessages()));
    }

    @Test
    void idleOnlyOnceEverythingIsHandedOverAndTheBrokerHasAcknowledgedIt() throws StoreException {
        assertTrue(pump.idle(), "nothing to do");
        admit(9);
        assertFalse(pump.idle(), "unsent entries");
        pump.tick(T0);
        assertFalse(pump.idle());
        sender.deliverAll();
        pump.tick(T0);
        assertFalse(pump.idle(), "the last batch awaits its PUBACK");
        sender.deliverAll();
        assertTrue(pump.idle(), "the hub's ack is not needed");
    }
}
