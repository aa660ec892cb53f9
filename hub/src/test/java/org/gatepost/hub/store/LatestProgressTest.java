package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.Test;

/** What a new holder of the {@code acks} lease publishes: each gate's progress in its latest epoch. */
class LatestProgressTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final String OLD_EPOCH = Contract.EPOCH;
    private static final String NEW_EPOCH = "9c0d1e2f3a4b5c6d";

    private void entry(HubStore store, String gate, String epoch, long seq, Instant at) throws Exception {
        store.commitEntry(ContractJson.parseEntry(Contract.admitWithSeq(gate, epoch, seq), gate), at, List.of());
    }

    @Test
    void theEpochOfTheLastStatusElseOfTheNewestEntry() throws Exception {
        Storage storage = databases.open(backend);
        HubStore store = storage.hub();
        entry(store, Contract.GATE, OLD_EPOCH, 1, T0);
        entry(store, Contract.GATE, OLD_EPOCH, 2, T0.plusSeconds(1));
        entry(store, Contract.GATE, NEW_EPOCH, 1, T0.plusSeconds(2));
        entry(store, "south-gate", OLD_EPOCH, 1, T0);
        entry(store, "south-gate", OLD_EPOCH, 3, T0.plusSeconds(1)); // a hole: progress stays at 1

        assertEquals(
                List.of(new GateProgress(Contract.GATE, NEW_EPOCH, 1), new GateProgress("south-gate", OLD_EPOCH, 1)),
                storage.latestProgress());

        // The gate's status names its epoch (status-online.json: the old one): that wins over the newest entry.
        store.commitStatus(Contract.status("status-online.json"), T0.plusSeconds(3), new AlertRules());
        assertEquals(
                List.of(new GateProgress(Contract.GATE, OLD_EPOCH, 2), new GateProgress("south-gate", OLD_EPOCH, 1)),
                storage.latestProgress());
    }
}
