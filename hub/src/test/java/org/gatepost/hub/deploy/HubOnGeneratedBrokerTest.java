package org.gatepost.hub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.gatepost.hub.Hub;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.gatepost.hub.testing.TestDatabases;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub on a real Mosquitto running the generated config (passwords, ACL, {@code use_username_as_clientid}):
 * its live session and its bulk session ({@code gatepost-hub-bulk}, same password) both log in, and a gate's
 * batch and fever entry both reach the store.
 */
class HubOnGeneratedBrokerTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void theHubsLiveAndBulkSessionsBothLogInAndIngestAGatesBatchAndFever(@TempDir Path dir) throws Exception {
        ingestsThroughTheGeneratedBroker(
                dir, Map.of("store.path", dir.resolve("hub.db").toString()));
    }

    /** With PostgreSQL the hub subscribes {@code $share/gatepost-hubs/...}: the generated ACL must allow that. */
    @Test
    void theGeneratedAclLetsAHubOnPostgresqlSubscribeThroughTheSharedSubscription(@TempDir Path dir) throws Exception {
        ingestsThroughTheGeneratedBroker(dir, databases.hubKeys(Backend.POSTGRESQL));
    }

    /**
     * {@code --hub-user hub-1,hub-2}: two instances on one PostgreSQL, each with its properties block from
     * credentials.txt (own user, password and client id, the common share group), both connected at once with
     * both sessions, share the gate's entries and batches and store each once.
     */
    @Test
    void twoHubInstancesWithTheirOwnUsersShareTheGatesMessagesThroughTheGeneratedBroker(@TempDir Path dir)
            throws Exception {
        List<String> hubUsers = List.of("hub-1", "hub-2");
        int singles = 40;
        try (GeneratedBroker broker = GeneratedBroker.start(dir, hubUsers);
                Hub hub1 = startInstance(broker, "hub-1", dir);
                Hub hub2 = startInstance(broker, "hub-2", dir);
                BrokerClient g1 = broker.client("g1").connect()) {
            Await.until("both instances connected", () -> hub1.mqttConnected() && hub2.mqttConnected());
            for (int seq = 1; seq <= singles; seq++) {
                g1.publish(
                        Topics.entries("g1"),
                        new String(
                                Messages.bytes(Messages.entry(
                                        "g1",
                                        Contract.EPOCH,
                                        seq,
                                        Instant.parse("2026-11-28T08:00:00Z").plusSeconds(seq))),
                                StandardCharsets.UTF_8));
            }
            for (int b = 0; b < 4; b++) {
                long from = singles + 1 + b * 5L;
                g1.publish(
                        Topics.batch("g1"),
                        new String(
                                Messages.bytes(Messages.batch(
                                        "g1",
                                        Contract.EPOCH,
                                        from,
                                        from + 4,
                                        Instant.parse("2026-11-28T09:00:00Z").plusSeconds(from))),
                                StandardCharsets.UTF_8));
            }
            long total = singles + 20;
            Await.until(total + " entries committed", () -> hub1.store().ackedUpTo("g1", Contract.EPOCH) == total);
            // An instance counts an entry after its commit, so the counters may trail the mark for a moment; an
            // entry stored twice would take the sum past the total, which the equality below catches.
            Await.until(
                    "both instances counted their entries",
                    () -> hub1.ingestStats().entriesStored()
                                    + hub2.ingestStats().entriesStored()
                            >= total);
            long stored1 = hub1.ingestStats().entriesStored();
            long stored2 = hub2.ingestStats().entriesStored();
            System.out.printf(
                    "two hub instances on the generated broker and one PostgreSQL: hub-1 stored %d,"
                            + " hub-2 stored %d of %d%n",
                    stored1, stored2, total);
            assertEquals(total, hub1.store().counts().entries());
            assertEquals(total, stored1 + stored2, "each entry stored by exactly one instance");
            assertTrue(stored1 > 0 && stored2 > 0, "both instances received a share: " + stored1 + "/" + stored2);
            assertTrue(hub1.mqttConnected() && hub2.mqttConnected(), "an instance was knocked off");
        }
        String log = Files.readString(dir.resolve("mosquitto.log"));
        for (String user : List.of("hub-1", "hub-1-bulk", "hub-2", "hub-2-bulk")) {
            assertTrue(log.contains(" as " + user + " ("), user + " never logged in:\n" + log);
        }
    }

    /** An instance configured from its own block of credentials.txt, plus the common PostgreSQL keys. */
    private Hub startInstance(GeneratedBroker broker, String user, Path dir) throws Exception {
        Map<String, String> keys = new HashMap<>(databases.hubKeys(Backend.POSTGRESQL));
        String block = Files.readString(dir.resolve("setup").resolve(Credentials.FILE))
                .lines()
                .dropWhile(l -> !l.startsWith("# --- hub " + user + ":"))
                .skip(1)
                .takeWhile(l -> !l.isBlank())
                .collect(Collectors.joining("\n"));
        Properties props = new Properties();
        props.load(new StringReader(block));
        assertEquals(
                Set.of("mqtt.url", "mqtt.username", "mqtt.password", "mqtt.client-id", "mqtt.share-group"),
                props.stringPropertyNames(),
                block);
        props.stringPropertyNames().forEach(k -> keys.put(k, props.getProperty(k)));
        assertEquals(broker.url(), keys.get("mqtt.url"));
        return Hub.start(TestHubs.config(dir.resolve(user), keys), Clock.systemUTC());
    }

    private void ingestsThroughTheGeneratedBroker(Path dir, Map<String, String> storeKeys) throws Exception {
        try (GeneratedBroker broker = GeneratedBroker.start(dir);
                Hub hub = Hub.start(TestHubs.config(dir, hubLogin(broker, storeKeys)), Clock.systemUTC());
                BrokerClient g1 = broker.client("g1").connect()) {
            Assertions.assertTrue(hub.mqttConnected());
            String batch = new String(
                    Messages.bytes(Messages.batch("g1", Contract.EPOCH, 1, 3, Instant.parse("2026-11-28T08:00:00Z"))),
                    StandardCharsets.UTF_8);
            g1.publish(Topics.batch("g1"), batch);
            g1.publish(
                    Topics.entries("g1"),
                    new String(Contract.forGate("entry-deny-fever.json", "g1"), StandardCharsets.UTF_8));

            Await.until(
                    "the batch committed through the bulk session",
                    () -> hub.store().ackedUpTo("g1", Contract.EPOCH) == 3);
            Await.until(
                    "the fever alerted through the live session",
                    () -> hub.store().recentAlerts(Optional.of("g1"), 10).stream()
                            .anyMatch(a -> a.kind().equals("fever")));
        }
    }

    /** {@code storeKeys} plus the broker's URL and the hub's login on it. */
    private static Map<String, String> hubLogin(GeneratedBroker broker, Map<String, String> storeKeys) {
        Map<String, String> keys = new HashMap<>(storeKeys);
        keys.put("mqtt.url", broker.url());
        keys.put("mqtt.username", GeneratedBroker.HUB);
        keys.put("mqtt.password", broker.password(GeneratedBroker.HUB));
        keys.put("mqtt.client-id", GeneratedBroker.HUB);
        return keys;
    }
}
