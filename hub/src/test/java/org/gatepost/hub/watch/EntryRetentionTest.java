package org.gatepost.hub.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HubStoreOnEachBackend;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.Test;

class EntryRetentionTest extends HubStoreOnEachBackend {
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration KEEP = Duration.ofDays(400);

    private final AlertRules rules = new AlertRules();

    /** Entries 1..count received one minute apart, the last {@code newestAge} before NOW; odd ones are fevers. */
    private void receive(int count, Duration newestAge) throws Exception {
        store.transaction(tx -> {
            for (int seq = 1; seq <= count; seq++) {
                var n = Messages.entry(Contract.GATE, Contract.EPOCH, seq, NOW);
                if (seq % 2 == 1) {
                    n.put("decision", "deny-fever");
                }
                EntryMessage e = Contract.entry(Messages.bytes(n));
                tx.entry(e, NOW.minus(newestAge).minus(Duration.ofMinutes(count - seq)), rules.forEntry(e));
            }
            return null;
        });
    }

    private List<Long> seqs() throws Exception {
        return store.recentEntries(Optional.empty(), 1000).stream()
                .map(e -> e.seq())
                .sorted()
                .toList();
    }

    @Test
    void purgesEntriesReceivedBeforeTheRetentionInSmallBatchesAndKeepsTheirAlerts() throws Exception {
        receive(800, KEEP.minusMinutes(100).minusSeconds(30));
        EntryRetention retention = new EntryRetention(store, KEEP);
        long alerts = store.counts().alerts();

        retention.tick(NOW);
        assertEquals(800 - EntryRetention.BATCH, store.counts().entries(), "one batch per tick, oldest first");
        assertEquals(EntryRetention.BATCH + 1, seqs().get(0));

        retention.tick(NOW);
        retention.tick(NOW);

        assertEquals(101, store.counts().entries(), "those received within the last 400 days stay");
        assertEquals(700, seqs().get(0));
        assertEquals(alerts, store.counts().alerts(), "alerts and their history are kept");
        assertEquals(800, store.ackedUpTo(Contract.GATE, Contract.EPOCH));
    }

    @Test
    void aZeroRetentionKeepsEverything() throws Exception {
        receive(3, Duration.ofDays(5000));

        new EntryRetention(store, Duration.ZERO).tick(NOW);

        assertEquals(3, store.counts().entries());
    }

    @Test
    void refusesANegativeRetention() {
        assertThrows(IllegalArgumentException.class, () -> new EntryRetention(store, Duration.ofDays(-1)));
    }
}
