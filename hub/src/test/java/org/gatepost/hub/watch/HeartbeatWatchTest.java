package org.gatepost.hub.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.alert.HealthRules;
import org.gatepost.hub.contract.HeartbeatJson;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HubStoreOnEachBackend;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The missed-heartbeat check, tick by tick; the heartbeat that ends it is covered with ingest. */
class HeartbeatWatchTest extends HubStoreOnEachBackend {
    private static final String GATE = Contract.GATE;
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private HeartbeatWatch watch;

    @BeforeEach
    void open() throws Exception {
        watch = new HeartbeatWatch(store, new HealthRules(), HubEvents.NONE, T0.minusSeconds(3600));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void status(String file, Instant receivedAt) throws Exception {
        store.commitStatus(Contract.status(file), receivedAt, new AlertRules());
    }

    private void heartbeat(Instant receivedAt, int intervalS) throws Exception {
        var h = HeartbeatJson.parse(Messages.heartbeat(GATE, n -> n.put("interval_s", intervalS)), GATE);
        store.transaction(tx -> {
            tx.storeHealth(h, receivedAt);
            return null;
        });
    }

    private List<AlertView> alerts() throws Exception {
        return store.recentAlerts(Optional.of(GATE), 10);
    }

    @Test
    void raisesGateOfflineOnceAfterThreeMissedIntervalsOfAnOnlineGate() throws Exception {
        status("status-online.json", T0);
        heartbeat(T0.plusSeconds(1), 30);

        watch.tick(T0.plusSeconds(91));
        assertEquals(List.of(), alerts(), "exactly three intervals are still fine");

        watch.tick(T0.plusSeconds(92));
        watch.tick(T0.plusSeconds(200));

        assertEquals(1, alerts().size());
        AlertView a = alerts().get(0);
        assertEquals("gate-offline", a.kind());
        assertEquals("high", a.severity());
        assertTrue(a.message().contains("no heartbeat for 91 s"), a.message());
        assertEquals(T0.plusSeconds(92), a.raisedAt());
    }

    @Test
    void usesTheIntervalTheGateAnnounced() throws Exception {
        status("status-online.json", T0);
        heartbeat(T0, 5);

        watch.tick(T0.plusSeconds(16));

        assertEquals(1, alerts().size());
    }

    @Test
    void countsFromAReconnectAfterTheLastHeartbeat() throws Exception {
        status("status-online.json", T0);
        heartbeat(T0, 30);
        status("status-online.json", T0.plusSeconds(80));

        watch.tick(T0.plusSeconds(150));
        assertEquals(List.of(), alerts());

        watch.tick(T0.plusSeconds(171));
        assertEquals(1, alerts().size());
    }

    @Test
    void leavesAGateAloneThatIsOfflineOrHasNeverSentAHeartbeat() throws Exception {
        status("status-offline-shutdown.json", T0);
        heartbeat(T0, 30);
        store.commitStatus(
                new StatusMessage("south-gate", "online", "connected", Contract.EPOCH, "b", T0), T0, new AlertRules());

        watch.tick(T0.plus(Duration.ofHours(1)));

        assertEquals(1, store.recentAlerts(Optional.empty(), 10).size(), "only the shutdown alert");
        assertEquals("low", alerts().get(0).severity());
    }

    @Test
    void givesEveryGateThreeIntervalsAfterTheHubStarts() throws Exception {
        status("status-online.json", T0);
        heartbeat(T0, 30);
        HeartbeatWatch restarted = new HeartbeatWatch(store, new HealthRules(), HubEvents.NONE, T0.plusSeconds(600));

        restarted.tick(T0.plusSeconds(650));
        assertEquals(List.of(), alerts(), "heartbeats are not queued for a hub that is down");

        restarted.tick(T0.plusSeconds(691));
        assertEquals(1, alerts().size());
    }
}
