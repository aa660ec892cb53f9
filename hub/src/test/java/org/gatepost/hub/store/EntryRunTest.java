package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HubStoreOnEachBackend;
import org.junit.jupiter.api.Test;

/** {@link HubTransaction#entries}: a run of consecutive entries stored with the gate's bookkeeping done once. */
class EntryRunTest extends HubStoreOnEachBackend {
    private static final String GATE = Contract.GATE;
    private static final String EPOCH = Contract.EPOCH;
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private final AlertRules rules = new AlertRules();

    /** Entry {@code seq} of the contract's epoch: a fever when {@code seq} is in {@code fevers}, else an admit. */
    private static EntryMessage entry(long seq, Set<Long> fevers) {
        String file = fevers.contains(seq) ? "entry-deny-fever.json" : "entry-admit.json";
        byte[] json = Contract.json(file)
                .put("epoch", EPOCH)
                .put("seq", seq)
                .put("id", GATE + "-" + EPOCH + "-" + seq)
                .toString()
                .getBytes();
        return Contract.entry(json);
    }

    private List<EntryCommit> run(HubStore s, long from, long to, Instant at, Set<Long> fevers) throws StoreException {
        List<EntryMessage> run = new ArrayList<>();
        List<List<NewAlert>> alerts = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            EntryMessage e = entry(seq, fevers);
            run.add(e);
            alerts.add(rules.forEntry(e));
        }
        return s.transaction(tx -> tx.entries(run, at, alerts));
    }

    private List<EntryCommit> run(long from, long to) throws StoreException {
        return run(store, from, to, T0, Set.of());
    }

    private void single(long seq) throws StoreException {
        EntryMessage e = entry(seq, Set.of());
        store.transaction(tx -> tx.entry(e, T0, rules.forEntry(e)));
    }

    private static List<Boolean> inserted(List<EntryCommit> commits) {
        return commits.stream().map(EntryCommit::inserted).toList();
    }

    private static List<Long> upTos(List<EntryCommit> commits) {
        return commits.stream().map(EntryCommit::upTo).toList();
    }

    private GateView gate() throws StoreException {
        List<GateView> gates = store.gates(Instant.EPOCH);
        assertEquals(1, gates.size(), gates.toString());
        return gates.get(0);
    }

    @Test
    void aRunRightAfterTheMarkMovesItToTheRunsEnd() throws Exception {
        single(1);
        single(2);

        List<EntryCommit> commits = run(3, 7);

        assertEquals(List.of(true, true, true, true, true), inserted(commits));
        assertEquals(List.of(7L, 7L, 7L, 7L, 7L), upTos(commits), "every entry reports the mark after the run");
        assertEquals(7, store.ackedUpTo(GATE, EPOCH));
        assertEquals(7, store.counts().entries());
    }

    @Test
    void aRunAfterAGapLeavesTheMarkAndFillingTheGapMovesItOverEverythingStored() throws Exception {
        run(1, 2);

        assertEquals(List.of(2L, 2L, 2L), upTos(run(6, 8)));
        assertEquals(2, store.ackedUpTo(GATE, EPOCH));
        assertEquals(Optional.of(new EpochGap(GATE, EPOCH, 2, 8)), store.transaction(tx -> tx.gap(GATE, EPOCH)));

        assertEquals(List.of(8L, 8L, 8L), upTos(run(3, 5)));
        assertEquals(8, store.ackedUpTo(GATE, EPOCH));
        assertEquals(Optional.empty(), store.transaction(tx -> tx.gap(GATE, EPOCH)));
    }

    @Test
    void aRunStartingAtSeqOneMovesTheMarkFromZero() throws Exception {
        assertEquals(List.of(0L, 0L), upTos(run(2, 3)));

        assertEquals(List.of(3L), upTos(run(1, 1)));
    }

    @Test
    void aRunOverlappingStoredEntriesStoresOnlyTheNewOnesOnce() throws Exception {
        run(1, 4);

        List<EntryCommit> commits = run(3, 6);

        assertEquals(List.of(false, false, true, true), inserted(commits));
        assertEquals(List.of(6L, 6L, 6L, 6L), upTos(commits));
        assertEquals(6, store.counts().entries());
        List<EntryCommit> again = run(1, 6);
        assertEquals(List.of(false, false, false, false, false, false), inserted(again));
        assertEquals(List.of(6L, 6L, 6L, 6L, 6L, 6L), upTos(again), "a redelivery reports the mark as it is");
        assertEquals(6, store.counts().entries());
    }

    @Test
    void aRunWhoseEndMeetsEntriesStoredAboveItMovesTheMarkPastThem() throws Exception {
        single(1);
        single(6);
        single(7);
        single(9);

        assertEquals(List.of(7L, 7L, 7L, 7L), upTos(run(2, 5)));
        assertEquals(7, store.ackedUpTo(GATE, EPOCH), "stops before the hole at 8");
    }

    @Test
    void raisesTheAlertsOfARunsNewEntriesOnceAndNoneForDuplicates() throws Exception {
        List<EntryCommit> first = run(store, 1, 4, T0, Set.of(2L, 4L));
        List<EntryCommit> overlap = run(store, 3, 6, T0.plusSeconds(5), Set.of(4L, 5L));

        assertEquals(
                List.of(0, 1, 0, 1),
                first.stream().map(EntryCommit::alertsRaised).toList());
        assertEquals(
                List.of(0, 0, 1, 0),
                overlap.stream().map(EntryCommit::alertsRaised).toList(),
                "seq 4 was stored by the first run, so only seq 5 raises");
        List<AlertView> alerts = store.recentAlerts(Optional.of(GATE), 10);
        assertEquals(
                List.of(GATE + "-" + EPOCH + "-2", GATE + "-" + EPOCH + "-4", GATE + "-" + EPOCH + "-5"),
                alerts.stream().map(AlertView::entryId).sorted().toList());
        assertEquals(
                Set.of("fever"), Set.copyOf(alerts.stream().map(AlertView::kind).toList()));
    }

    @Test
    void touchesTheGateWhenARunStoresSomethingAndNotForARunOfDuplicates() throws Exception {
        run(store, 1, 3, T0, Set.of());
        assertEquals(EPOCH, gate().epoch());
        assertEquals(T0, gate().lastEntryAt());
        assertEquals(3, gate().entryCount());

        run(store, 1, 3, T0.plusSeconds(60), Set.of());
        assertEquals(T0, gate().lastEntryAt(), "duplicates do not count as the gate's latest entry");

        run(store, 3, 5, T0.plusSeconds(120), Set.of());
        assertEquals(T0.plusSeconds(120), gate().lastEntryAt());
        assertEquals(5, gate().ackedUpTo());
    }

    @Test
    void endsInTheSameStoreAsStoringEachEntryAlone() throws Exception {
        HubStore alone = databases.open(backend, "alone").hub();
        try {
            long[][] runs = {{3, 5}, {9, 12}, {1, 2}, {4, 8}, {12, 14}, {20, 20}, {1, 14}};
            Set<Long> fevers = Set.of(4L, 10L, 13L);
            for (int r = 0; r < runs.length; r++) {
                Instant at = T0.plusSeconds(r);
                List<EntryCommit> asRun = run(store, runs[r][0], runs[r][1], at, fevers);
                for (long seq = runs[r][0]; seq <= runs[r][1]; seq++) {
                    EntryMessage e = entry(seq, fevers);
                    EntryCommit each = alone.transaction(tx -> tx.entry(e, at, rules.forEntry(e)));
                    EntryCommit inRun = asRun.get((int) (seq - runs[r][0]));
                    assertEquals(each.inserted(), inRun.inserted(), "seq " + seq + " of run " + r);
                    assertEquals(each.alertsRaised(), inRun.alertsRaised(), "seq " + seq + " of run " + r);
                }
                assertEquals(
                        alone.ackedUpTo(GATE, EPOCH),
                        asRun.get(asRun.size() - 1).upTo(),
                        "after run " + r);
            }
            assertEquals(alone.counts(), store.counts());
            assertEquals(alone.gates(Instant.EPOCH), store.gates(Instant.EPOCH));
            assertEquals(alone.recentAlerts(Optional.empty(), 10), store.recentAlerts(Optional.empty(), 10));
            assertEquals(alone.recentEntries(Optional.empty(), 100), store.recentEntries(Optional.empty(), 100));
            assertEquals(alone.transaction(HubTransaction::gaps), store.transaction(HubTransaction::gaps));
            assertEquals(14, store.ackedUpTo(GATE, EPOCH));
        } finally {
            alone.close();
        }
    }

    @Test
    void rejectsARunThatIsNotConsecutiveBeforeWritingAnything() throws Exception {
        List<EntryMessage> skips = List.of(entry(1, Set.of()), entry(3, Set.of()));

        StoreException thrown = assertThrows(
                StoreException.class,
                () -> store.transaction(tx -> tx.entries(skips, T0, List.of(List.of(), List.of()))));

        assertInstanceOf(IllegalArgumentException.class, thrown.getCause());
        assertEquals(0, store.counts().entries());
    }
}
