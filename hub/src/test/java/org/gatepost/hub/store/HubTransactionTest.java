package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.HeartbeatJson;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HubStoreOnEachBackend;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.Test;

class HubTransactionTest extends HubStoreOnEachBackend {
    private static final String GATE = Contract.GATE;
    private static final String EPOCH = Contract.EPOCH;
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final ConditionAlert STORAGE = new ConditionAlert(AlertKind.STORAGE, Severity.HIGH, "disk full");

    private final AlertRules rules = new AlertRules();

    private void commit(long... seqs) throws StoreException {
        for (long seq : seqs) {
            EntryMessage e = Contract.entry(Contract.admitWithSeq(EPOCH, seq));
            store.transaction(tx -> tx.entry(e, T0.plusSeconds(seq), rules.forEntry(e)));
        }
    }

    private AlertView onlyAlert() throws StoreException {
        List<AlertView> all = store.recentAlerts(Optional.of(GATE), 10);
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    @Test
    void writesNothingOfATransactionWhoseWorkFails() throws Exception {
        EntryMessage e = Contract.entry("entry-deny-fever.json");

        StoreException thrown = assertThrows(
                StoreException.class,
                () -> store.transaction(tx -> {
                    tx.entry(e, T0, rules.forEntry(e));
                    tx.deadLetter(new DeadLetter("t", "p", 1, "r", T0));
                    throw new StoreException("simulated failure after two writes");
                }));

        assertEquals("simulated failure after two writes", thrown.getMessage());
        assertEquals(new StoreCounts(0, 0, 0, 0, 0), store.counts());
    }

    @Test
    void raisesOneAlertPerOpeningOfACondition() throws Exception {
        boolean first = store.transaction(tx -> tx.openCondition(GATE, "storage", STORAGE, T0));
        boolean again = store.transaction(tx -> tx.openCondition(GATE, "storage", STORAGE, T0.plusSeconds(30)));

        assertTrue(first);
        assertFalse(again);
        AlertView a = onlyAlert();
        assertEquals("storage", a.kind());
        assertEquals("high", a.severity());
        assertEquals("disk full", a.message());
        assertNull(a.resolvedAt());
        assertEquals(Set.of("storage"), store.transaction(tx -> tx.openConditions(GATE)));
        assertEquals(Map.of(GATE, Set.of("storage")), store.transaction(HubTransaction::openConditions));
    }

    @Test
    void closingAConditionResolvesItsAlertAndAReopeningRaisesANewOne() throws Exception {
        store.transaction(tx -> tx.openCondition(GATE, "storage", STORAGE, T0));

        assertTrue(store.<Boolean>transaction(tx -> tx.closeCondition(GATE, "storage", T0.plusSeconds(60))));
        assertFalse(store.<Boolean>transaction(tx -> tx.closeCondition(GATE, "storage", T0.plusSeconds(61))));
        assertEquals(T0.plusSeconds(60), onlyAlert().resolvedAt());

        assertTrue(store.<Boolean>transaction(tx -> tx.openCondition(GATE, "storage", STORAGE, T0.plusSeconds(90))));
        List<AlertView> all = store.recentAlerts(Optional.of(GATE), 10);
        assertEquals(2, all.size());
        assertNull(all.get(0).resolvedAt());
        assertNotEquals(all.get(0).id(), all.get(1).id());
    }

    @Test
    void anOpenConditionSurvivesAStoreRestart() throws Exception {
        store.transaction(tx -> tx.openCondition(GATE, "backlog", STORAGE, T0));
        store.close();
        store = databases.open(backend).hub();

        assertFalse(store.<Boolean>transaction(tx -> tx.openCondition(GATE, "backlog", STORAGE, T0.plusSeconds(5))));
        assertEquals(1, store.recentAlerts(Optional.of(GATE), 10).size());
    }

    @Test
    void findsTheHolesAboveTheHighWaterMarkBySeq() throws Exception {
        commit(1, 2, 5, 6, 9, 12);

        assertEquals(List.of(new EpochGap(GATE, EPOCH, 2, 12)), store.transaction(HubTransaction::gaps));
        assertEquals(
                List.of(new Hole(3, 4), new Hole(7, 8), new Hole(10, 11)),
                store.transaction(tx -> tx.holes(GATE, EPOCH, 2, 10)));
        assertEquals(List.of(new Hole(3, 4)), store.transaction(tx -> tx.holes(GATE, EPOCH, 2, 1)));
    }

    @Test
    void findsAHoleBeforeSeqOne() throws Exception {
        commit(4);

        assertEquals(List.of(new Hole(1, 3)), store.transaction(tx -> tx.holes(GATE, EPOCH, 0, 10)));
    }

    @Test
    void reportsNoGapOnceTheHolesAreFilled() throws Exception {
        commit(1, 3);
        commit(2);

        assertEquals(List.of(), store.transaction(HubTransaction::gaps));
        assertEquals(Optional.empty(), store.transaction(tx -> tx.gap(GATE, EPOCH)));
    }

    @Test
    void watchesOnlyTheGatesCurrentEpochButAnswersForAnyEpoch() throws Exception {
        commit(1, 3);
        store.commitStatus(Contract.status("status-online.json"), T0, rules);
        StatusMessage newEpoch = new StatusMessage(GATE, "online", "connected", "0123456789abcdef", "boot-2", T0);
        store.commitStatus(newEpoch, T0.plusSeconds(1), rules);

        assertEquals(List.of(), store.transaction(HubTransaction::gaps));
        assertEquals(Optional.of(new EpochGap(GATE, EPOCH, 1, 3)), store.transaction(tx -> tx.gap(GATE, EPOCH)));
    }

    @Test
    void keepsTheLatestHeartbeatPerGateAndListsOnlineGatesThatSendThem() throws Exception {
        var first = HeartbeatJson.parse(Messages.heartbeat(GATE, h -> h.put("backlog", 7)), GATE);
        var second = HeartbeatJson.parse(Messages.heartbeat(GATE, h -> h.putNull("oldest_unsent_age_s")), GATE);
        var south = HeartbeatJson.parse(Messages.heartbeat("south-gate", h -> {}), "south-gate");

        store.transaction(tx -> {
            tx.storeHealth(first, T0);
            tx.storeHealth(second, T0.plusSeconds(30));
            tx.storeHealth(south, T0.plusSeconds(31));
            return null;
        });
        store.commitStatus(Contract.status("status-online.json"), T0.plusSeconds(40), rules);

        List<GateHealth> all = store.gateHealth();
        assertEquals(
                List.of(GATE, "south-gate"), all.stream().map(GateHealth::gate).toList());
        GateHealth h = all.get(0);
        assertEquals(T0.plusSeconds(30), h.receivedAt());
        assertEquals(3, h.backlog());
        assertNull(h.oldestUnsentAgeS());
        assertEquals(HeartbeatJson.devicesJson(second.devices()), h.devicesJson());
        assertEquals("unknown", store.gates(Instant.EPOCH).get(1).state(), "a heartbeat makes a gate known");
        assertEquals(
                List.of(new HeartbeatDue(GATE, T0.plusSeconds(40), T0.plusSeconds(30), 30)),
                store.transaction(HubTransaction::heartbeatsOfOnlineGates));
    }

    @Test
    void purgesTheOldestEntriesInBatchesAndKeepsAlertsAndTheHighWaterMark() throws Exception {
        commit(1, 2, 3, 4, 5);
        EntryMessage fever = Contract.entry(Contract.json("entry-deny-fever.json")
                .put("seq", 6)
                .put("id", GATE + "-" + EPOCH + "-6")
                .toString()
                .getBytes());
        store.commitEntry(fever, T0.plusSeconds(6), rules.forEntry(fever));
        Instant cutoff = T0.plusSeconds(6).plusMillis(1);

        assertEquals(2, store.<Integer>transaction(tx -> tx.purgeEntriesReceivedBefore(cutoff, 2)));
        assertEquals(List.of(3L, 4L, 5L, 6L), seqs());
        assertEquals(4, store.<Integer>transaction(tx -> tx.purgeEntriesReceivedBefore(cutoff, 100)));
        assertEquals(0, store.<Integer>transaction(tx -> tx.purgeEntriesReceivedBefore(cutoff, 100)));

        assertEquals(List.of(), seqs());
        assertEquals(1, store.counts().alerts(), "the fever alert stays");
        assertEquals(6, store.ackedUpTo(GATE, EPOCH));
        assertEquals(List.of(), store.transaction(HubTransaction::gaps));
    }

    @Test
    void listsDeadLettersNewestFirstWithABoundedPreview() throws Exception {
        String big = "x".repeat(HubStore.DEAD_LETTER_PREVIEW_CHARS + 500);
        store.recordDeadLetter(
                new DeadLetter("gatepost/v1/gates/a/entries", "{old", 4, "payload is not valid JSON", T0));
        store.recordDeadLetter(
                new DeadLetter("gatepost/v1/gates/b/batch", big, big.length(), "entries: missing", T0.plusSeconds(1)));

        List<DeadLetterView> letters = store.deadLetters(10);

        assertEquals(2, letters.size());
        DeadLetterView newest = letters.get(0);
        assertEquals("gatepost/v1/gates/b/batch", newest.topic());
        assertEquals("entries: missing", newest.reason());
        assertEquals(T0.plusSeconds(1), newest.receivedAt());
        assertEquals(HubStore.DEAD_LETTER_PREVIEW_CHARS, newest.payloadPreview().length());
        assertEquals(big.length(), newest.payloadBytes());
        assertEquals("{old", letters.get(1).payloadPreview());
        assertEquals(1, store.deadLetters(1).size());
    }

    private List<Long> seqs() throws StoreException {
        return store.recentEntries(Optional.of(GATE), 100).stream()
                .map(EntryView::seq)
                .sorted()
                .toList();
    }
}
