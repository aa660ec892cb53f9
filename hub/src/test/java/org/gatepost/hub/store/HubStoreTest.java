package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HubStoreOnEachBackend;
import org.junit.jupiter.api.Test;

class HubStoreTest extends HubStoreOnEachBackend {
    private static final String EPOCH_A = "aaaaaaaaaaaaaaaa";
    private static final String EPOCH_B = "bbbbbbbbbbbbbbbb";
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private final AlertRules rules = new AlertRules();

    private EntryCommit commit(String epoch, long seq) throws StoreException {
        EntryMessage e = Contract.entry(Contract.admitWithSeq(epoch, seq));
        return store.commitEntry(e, T0.plusSeconds(seq), rules.forEntry(e));
    }

    private EntryCommit commitFever() throws StoreException {
        EntryMessage e = Contract.entry("entry-deny-fever.json");
        return store.commitEntry(e, T0, rules.forEntry(e));
    }

    @Test
    void storesAnEntryOnceWhenItIsCommittedTwice() throws Exception {
        EntryCommit first = commit(EPOCH_A, 1);
        EntryCommit second = commit(EPOCH_A, 1);

        assertTrue(first.inserted());
        assertFalse(second.inserted());
        assertEquals(1, second.upTo());
        assertEquals(1, store.counts().entries());
    }

    @Test
    void anEntryWithoutAmbientTemperatureIsStoredAndReadBackWithANullAmbient() throws Exception {
        EntryMessage e = Contract.entry("entry-no-ambient.json");
        store.commitEntry(e, Instant.parse("2026-11-28T08:15:03Z"), List.of());

        EntryMessage.Temperature t =
                store.recentEntries(Optional.empty(), 1).get(0).temperature();
        assertNull(t.ambientC());
        assertEquals(35.72, t.objectC());
    }

    @Test
    void highWaterMarkStopsAtAGapAndJumpsWhenTheGapFills() throws Exception {
        assertEquals(1, commit(EPOCH_A, 1).upTo());
        assertEquals(2, commit(EPOCH_A, 2).upTo());
        assertEquals(2, commit(EPOCH_A, 4).upTo());
        assertEquals(2, store.ackedUpTo("north-gate", EPOCH_A));

        assertEquals(4, commit(EPOCH_A, 3).upTo());
        assertEquals(4, store.ackedUpTo("north-gate", EPOCH_A));
    }

    @Test
    void highWaterMarkStaysZeroUntilSeqOneArrives() throws Exception {
        assertEquals(0, commit(EPOCH_A, 2).upTo());
        assertEquals(0, commit(EPOCH_A, 3).upTo());

        assertEquals(3, commit(EPOCH_A, 1).upTo());
    }

    @Test
    void epochsOfOneGateAreIndependent() throws Exception {
        commit(EPOCH_A, 1);
        commit(EPOCH_A, 2);
        EntryCommit b1 = commit(EPOCH_B, 1);

        assertTrue(b1.inserted(), "same seq in another epoch is a different entry");
        assertEquals(1, b1.upTo());
        assertEquals(2, store.ackedUpTo("north-gate", EPOCH_A));
        assertEquals(1, store.ackedUpTo("north-gate", EPOCH_B));
        assertEquals(3, store.counts().entries());
    }

    @Test
    void raisesOneFeverAlertForAFeverEntryDeliveredTwice() throws Exception {
        EntryCommit first = commitFever();
        EntryCommit second = commitFever();

        assertEquals(1, first.alertsRaised());
        assertEquals(0, second.alertsRaised());
        List<AlertView> alerts = store.recentAlerts(Optional.empty(), 10);
        assertEquals(1, alerts.size());
        AlertView a = alerts.get(0);
        assertEquals("fever", a.kind());
        assertEquals("high", a.severity());
        assertEquals("north-gate", a.gate());
        assertEquals("north-gate-3f9a1c2e7b5d4e60-42", a.entryId());
        assertEquals(T0, a.raisedAt());
        assertTrue(a.message().contains("38.05"), a.message());
        assertTrue(a.message().contains("440524********0014"), a.message());
        assertNull(a.resolvedAt());
    }

    @Test
    void raisesNoAlertWhenTheAlertIsNotNewEvenIfTheEntryIs() throws Exception {
        EntryMessage e = Contract.entry("entry-deny-fever.json");
        NewAlert alert = rules.forEntry(e).get(0);
        store.commitEntry(Contract.entry("entry-admit.json"), T0, List.of(alert));

        EntryCommit c = store.commitEntry(e, T0, List.of(alert));

        assertTrue(c.inserted());
        assertEquals(0, c.alertsRaised(), "dedupe key already used");
    }

    @Test
    void readsEntriesBackNewestFirstWithoutTheCredentialHash() throws Exception {
        store.commitEntry(Contract.entry("entry-admit.json"), T0, List.of());
        store.commitEntry(Contract.entry("entry-no-reading.json"), T0.plusSeconds(1), List.of());

        List<EntryView> entries = store.recentEntries(Optional.of("north-gate"), 10);

        assertEquals(List.of(43L, 41L), entries.stream().map(EntryView::seq).toList());
        EntryView admit = entries.get(1);
        assertEquals("north-gate-3f9a1c2e7b5d4e60-41", admit.id());
        assertEquals(Instant.parse("2026-11-28T08:15:02.417Z"), admit.at());
        assertEquals(T0, admit.receivedAt());
        assertEquals("110105********002X", admit.credentialMasked());
        assertEquals(new EntryMessage.Temperature(36.62, 35.72, 21.4, 0.9, 3), admit.temperature());
        assertNull(entries.get(0).temperature());
        assertEquals(1, store.recentEntries(Optional.empty(), 1).size());
        assertTrue(store.recentEntries(Optional.of("south-gate"), 10).isEmpty());
    }

    @Test
    void tracksGateStatusAndRaisesOneOfflineAlertResolvedByTheNextOnline() throws Exception {
        StatusMessage online = Contract.status("status-online.json");
        StatusMessage lost = Contract.status("status-offline-lost.json");

        store.commitStatus(online, T0, rules);
        StatusCommit down = store.commitStatus(lost, T0.plusSeconds(60), rules);
        StatusCommit downAgain = store.commitStatus(lost, T0.plusSeconds(61), rules);

        assertTrue(down.alertRaised());
        assertFalse(downAgain.alertRaised(), "redelivered will");
        GateView g = store.gates(T0).get(0);
        assertEquals("offline", g.state());
        assertEquals("lost", g.reason());
        assertEquals(1, g.openAlerts());

        StatusCommit up = store.commitStatus(online, T0.plusSeconds(120), rules);

        assertEquals(1, up.alertsResolved());
        assertEquals("online", store.gates(T0).get(0).state());
        AlertView a = store.recentAlerts(Optional.of("north-gate"), 10).get(0);
        assertEquals("gate-offline", a.kind());
        assertEquals("high", a.severity());
        assertEquals(T0.plusSeconds(120), a.resolvedAt());
        assertEquals(0, store.counts().openAlerts());
    }

    @Test
    void ignoresAWillFromAnEarlierBootOnceTheGateIsBackOnline() throws Exception {
        StatusMessage lostOld = Contract.status("status-offline-lost.json");
        StatusMessage online = Contract.status("status-online.json");
        StatusMessage onlineNewBoot = new StatusMessage(
                online.gate(),
                online.state(),
                online.reason(),
                online.epoch(),
                "new-boot",
                online.at().plusSeconds(30));

        store.commitStatus(onlineNewBoot, T0, rules);
        StatusCommit stale = store.commitStatus(lostOld, T0.plusSeconds(1), rules);

        assertFalse(stale.applied());
        assertEquals("online", store.gates(T0).get(0).state());
        assertEquals(0, store.counts().alerts());
    }

    @Test
    void listsGatesWithCountsAndTheAckedHighWaterMarkOfTheirEpoch() throws Exception {
        commit(EPOCH_A, 1);
        commit(EPOCH_A, 2);
        store.commitStatus(Contract.status("status-online.json"), T0, rules);
        commit(Contract.EPOCH, 1);

        GateView g = store.gates(T0.plusSeconds(2)).get(0);

        assertEquals("north-gate", g.gate());
        assertEquals("online", g.state());
        assertEquals(Contract.EPOCH, g.epoch());
        assertEquals(3, g.entryCount());
        assertEquals(1, g.ackedUpTo());
        assertNotNull(g.lastEntryAt());
        assertEquals(T0, g.lastStatusAt());
    }

    @Test
    void keepsDeadLettersAndCountsThem() throws Exception {
        store.recordDeadLetter(
                new DeadLetter("gatepost/v1/gates/x/entries", "junk", 4, "payload is not valid JSON", T0));
        store.recordDeadLetter(
                new DeadLetter("gatepost/v1/gates/x/entries", "junk", 4, "payload is not valid JSON", T0));

        assertEquals(2, store.counts().deadLetters());
    }

    @Test
    void keepsEverythingWhenReopened() throws Exception {
        commitFever();
        store.commitStatus(Contract.status("status-offline-lost.json"), T0, rules);
        store.close();

        store = databases.open(backend).hub();

        assertEquals(new StoreCounts(1, 1, 2, 2, 0), store.counts());
        assertEquals(0, commitFever().alertsRaised());
    }

    @Test
    void failsWithStoreExceptionAfterClose() {
        store.close();

        assertThrows(StoreException.class, () -> store.counts());
        assertThrows(StoreException.class, () -> commit(EPOCH_A, 1));
    }

    @Test
    void commitsNothingOfAnEntryWhenItsAlertCannotBeStored() throws Exception {
        if (backend == Backend.SQLITE) {
            sql("CREATE TRIGGER refuse_alerts BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        } else {
            sql("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'disk full'; END $$");
            sql("CREATE TRIGGER refuse_alerts BEFORE INSERT ON alerts FOR EACH ROW EXECUTE FUNCTION refuse()");
        }

        assertThrows(StoreException.class, this::commitFever);

        assertEquals(0, store.counts().entries());
        assertEquals(0, store.counts().gates());

        sql(backend == Backend.SQLITE ? "DROP TRIGGER refuse_alerts" : "DROP TRIGGER refuse_alerts ON alerts");
        EntryCommit retried = commitFever();

        assertTrue(retried.inserted());
        assertEquals(1, retried.alertsRaised());
    }

    private void sql(String statement) throws Exception {
        databases.execute(backend, statement);
    }
}
