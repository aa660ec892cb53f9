package org.gatepost.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.store.StoreCounts;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubRestartTest extends OnEachBackend {
    @TempDir
    Path dir;

    @Test
    void keepsEntriesGatesAndAlertsAcrossARestartAndStillAlertsOnce() throws Exception {
        HubConfig config = TestHubs.config(dir, databases.hubKeys(backend));
        try (Hub hub = Hub.start(config, Clock.systemUTC());
                TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), Contract.GATE)) {
            gate.publish(Topics.status(Contract.GATE), Contract.bytes("status-offline-lost.json"), true);
            gate.publish(Topics.entries(Contract.GATE), Contract.bytes("entry-deny-fever.json"));
            Await.until(
                    "entry and status stored",
                    () -> hub.store().counts().alerts() == 2
                            && hub.store().counts().entries() == 1);
        }

        try (Hub hub = Hub.start(config, Clock.systemUTC());
                TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), Contract.GATE)) {
            assertEquals(new StoreCounts(1, 1, 2, 2, 0), hub.store().counts());
            assertEquals("offline", hub.store().gates(Instant.EPOCH).get(0).state());
            assertEquals(1, hub.store().recentEntries(Optional.empty(), 10).size());

            gate.publish(Topics.entries(Contract.GATE), Contract.bytes("entry-deny-fever.json"));

            Await.until(
                    "redelivered entry seen as a duplicate",
                    () -> hub.ingestStats().duplicates() == 1);
            assertEquals(2, hub.store().counts().alerts());
        }
    }
}
