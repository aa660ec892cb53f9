package org.gatepost.hub.deploy;

import org.gatepost.hub.Hub;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The hub on a real Mosquitto running the generated config (passwords, ACL, {@code use_username_as_clientid}):
 * its live session and its bulk session ({@code gatepost-hub-bulk}, same password) both log in, and a gate's
 * batch and fever entry both reach the store.
 */
class HubOnGeneratedBrokerTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.gatepost.hub.testing.TestDatabases databases = new org.gatepost.hub.testing.TestDatabases();

    @Test
    void theHubsLiveAndBulkSessionsBothLogInAndIngestAGatesBatchAndFever(@TempDir Path dir) throws Exception {
        ingestsThroughTheGeneratedBroker(dir, Map.of("store.path", dir.resolve("hub.db").toString()));
    }

    /** With PostgreSQL the hub subscribes {@code $share/gatepost-hubs/...}: the generated ACL must allow that. */
    @Test
    void theGeneratedAclLetsAHubOnPostgresqlSubscribeThroughTheSharedSubscription(@TempDir Path dir)
            throws Exception {
        ingestsThroughTheGeneratedBroker(dir, databases.hubKeys(org.gatepost.hub.testing.Backend.POSTGRESQL));
    }

    private void ingestsThroughTheGeneratedBroker(Path dir, Map<String, String> storeKeys) throws Exception {
        java.util.Map<String, String> keys = new java.util.HashMap<>(storeKeys);
        try (GeneratedBroker broker = GeneratedBroker.start(dir);
             Hub hub = Hub.start(HubConfigParser.parse(put(keys,
                     "community.secret", TestHubs.SECRET,
                     "mqtt.url", broker.url(),
                     "mqtt.username", GeneratedBroker.HUB,
                     "mqtt.password", broker.password(GeneratedBroker.HUB),
                     "mqtt.client-id", GeneratedBroker.HUB,
                     "http.host", "127.0.0.1",
                     "http.port", "0",
                     "admin.password", TestHubs.ADMIN_PASSWORD)), Clock.systemUTC());
             BrokerClient g1 = broker.client("g1").connect()) {
            org.junit.jupiter.api.Assertions.assertTrue(hub.mqttConnected());
            String batch = new String(Messages.bytes(Messages.batch("g1", Contract.EPOCH, 1, 3,
                    Instant.parse("2026-11-28T08:00:00Z"))), StandardCharsets.UTF_8);
            g1.publish(Topics.batch("g1"), batch);
            g1.publish(Topics.entries("g1"), new String(Contract.forGate("entry-deny-fever.json", "g1"),
                    StandardCharsets.UTF_8));

            Await.until("the batch committed through the bulk session",
                    () -> hub.store().ackedUpTo("g1", Contract.EPOCH) == 3);
            Await.until("the fever alerted through the live session", () -> hub.store()
                    .recentAlerts(Optional.of("g1"), 10).stream().anyMatch(a -> a.kind().equals("fever")));
        }
    }

    private static Map<String, String> put(Map<String, String> keys, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put(pairs[i], pairs[i + 1]);
        }
        return keys;
    }
}
