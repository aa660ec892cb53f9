package org.gatepost.hub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.gatepost.hub.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on a real Mosquitto running the generated config. MQTT 3.1.1 has no "not authorised" for a
 * publish: the broker acknowledges and drops it. So a refused message is followed by an allowed one from the
 * same client (a sentinel): MQTT keeps one client's order, so once the sentinel has arrived, the refused
 * message would have arrived before it.
 */
class GeneratedBrokerAccessTest extends OnGeneratedBroker {
    private static final String G1_ENTRIES = "gatepost/v1/gates/g1/entries";
    private static final String G2_ENTRIES = "gatepost/v1/gates/g2/entries";

    @Test
    void aGatePublishesItsOwnEntriesAndTheHubReceivesThem() throws Exception {
        try (BrokerClient hub = broker.client("gatepost-hub").connect();
                BrokerClient g1 = broker.client("g1").connect()) {
            hub.subscribe("gatepost/v1/gates/+/entries");
            hub.subscribe("gatepost/v1/gates/+/batch");
            hub.subscribe("gatepost/v1/gates/+/heartbeat");
            g1.publish(G1_ENTRIES, "entry-1");
            g1.publish("gatepost/v1/gates/g1/batch", "batch-1");
            g1.publish("gatepost/v1/gates/g1/heartbeat", "beat-1");
            Await.until(
                    "hub receives g1's entry, batch and heartbeat",
                    () -> hub.receivedOn(G1_ENTRIES, "entry-1")
                            && hub.receivedOn("gatepost/v1/gates/g1/batch", "batch-1")
                            && hub.receivedOn("gatepost/v1/gates/g1/heartbeat", "beat-1"));
        }
    }

    @Test
    void theHubsBulkSessionLogsInWithTheHubsPasswordAndReadsOnlyTheGatesBatches() throws Exception {
        try (BrokerClient bulk = BrokerClient.to(broker.url())
                        .as("gatepost-hub-bulk", broker.password("gatepost-hub"))
                        .connect();
                BrokerClient g1 = broker.client("g1").connect()) {
            bulk.subscribe("gatepost/v1/gates/+/batch");
            bulk.subscribe("gatepost/v1/gates/+/entries");
            g1.publish(G1_ENTRIES, "entry-1");
            g1.publish("gatepost/v1/gates/g1/batch", "batch-1");
            Await.until(
                    "bulk session receives g1's batch", () -> bulk.receivedOn("gatepost/v1/gates/g1/batch", "batch-1"));
            assertFalse(bulk.receivedAnythingOn(G1_ENTRIES), "bulk session read entries: " + bulk.received());
        }
    }

    @Test
    void aGatePublishingUnderAnotherGatesIdIsDroppedBeforeTheHub() throws Exception {
        try (BrokerClient hub = broker.client("gatepost-hub").connect();
                BrokerClient g1 = broker.client("g1").connect()) {
            hub.subscribe("gatepost/v1/gates/+/entries");
            g1.publish(G2_ENTRIES, "forged");
            g1.publish(G1_ENTRIES, "sentinel");
            Await.until("hub receives g1's sentinel", () -> hub.receivedOn(G1_ENTRIES, "sentinel"));
            assertFalse(
                    hub.receivedAnythingOn(G2_ENTRIES), "hub received g1's message on g2's topic: " + hub.received());
        }
    }

    /** MQTT 5 PUBACK reasons: 0x00 success, 0x10 success without subscribers, 0x87 not authorised. */
    @Test
    void mqtt5PublishesGetNotAuthorisedExactlyWhereTheAclSaysSo() throws Exception {
        MosquittoPub pub = new MosquittoPub(broker.port);
        String g1 = broker.password("g1");
        String hub = broker.password("gatepost-hub");
        for (String own : List.of("entries", "batch", "heartbeat", "status", "purged")) {
            pub.assertAccepted("g1", g1, "gatepost/v1/gates/g1/" + own, "g1 writing its own " + own);
        }
        pub.assertRefused("g1", g1, G2_ENTRIES, "g1 writing g2's entries");
        pub.assertRefused("g1", g1, "gatepost/v1/gates/g2/status", "g1 writing g2's status");
        pub.assertRefused("g1", g1, "gatepost/v1/gates/g2/purged", "g1 reporting g2's purge");
        pub.assertRefused("g1", g1, "gatepost/v1/gates/g1/ack", "a gate writing its own ack");
        pub.assertRefused("g1", g1, "gatepost/v1/gates/g1/commands", "a gate writing its own commands");
        pub.assertRefused("g1", g1, "gatepost/v1/hub/roster", "a gate writing the hub's topics");
        pub.assertAccepted("gatepost-hub", hub, "gatepost/v1/gates/g1/ack", "hub writing an ack");
        pub.assertAccepted("gatepost-hub", hub, "gatepost/v1/gates/g2/commands", "hub writing a command");
        pub.assertAccepted("gatepost-hub", hub, "gatepost/v1/hub/roster", "hub writing its own tree");
        pub.assertRefused("gatepost-hub", hub, G1_ENTRIES, "the hub writing a gate's entries");
        pub.assertRefused(
                "gatepost-hub",
                hub,
                "gatepost/v1/gates/gatepost-hub/entries",
                "the hub writing entries as a gate named after it");
        pub.assertRefused(
                "gatepost-hub-bulk",
                hub,
                "gatepost/v1/gates/gatepost-hub-bulk/status",
                "the bulk session writing as a gate named after it");
    }

    /** The user docs/deployment.md suggests for watching traffic: gate patterns must not make it a gate. */
    @Test
    void theMonitorUserReadsEveryGatesMessagesAndPublishesNowhere() throws Exception {
        MosquittoPub pub = new MosquittoPub(broker.port);
        for (String topic : List.of(
                "gatepost/v1/gates/monitor/entries",
                "gatepost/v1/gates/monitor/batch",
                "gatepost/v1/gates/monitor/heartbeat",
                "gatepost/v1/gates/monitor/status",
                G1_ENTRIES,
                "gatepost/v1/gates/g1/ack",
                "gatepost/v1/hub/roster",
                "monitor")) {
            pub.assertRefused(
                    AclFile.MONITOR_USER, GeneratedBroker.MONITOR_PASSWORD, topic, "monitor writing " + topic);
        }
        try (BrokerClient monitor = BrokerClient.to(broker.url())
                        .as(AclFile.MONITOR_USER, GeneratedBroker.MONITOR_PASSWORD)
                        .connect();
                BrokerClient g1 = broker.client("g1").connect()) {
            monitor.subscribe("gatepost/v1/#");
            g1.publish(G1_ENTRIES, "entry-seen-by-monitor");
            Await.until("monitor reads g1's entry", () -> monitor.receivedOn(G1_ENTRIES, "entry-seen-by-monitor"));
        }
    }

    @Test
    void aGateCannotReadAnotherGatesAck() throws Exception {
        try (BrokerClient hub = broker.client("gatepost-hub").connect();
                BrokerClient g1 = broker.client("g1").connect()) {
            hub.publishRetained("gatepost/v1/gates/g2/ack", "ack-g2-retained");
            g1.subscribe("gatepost/v1/gates/+/ack");
            hub.publish("gatepost/v1/gates/g2/ack", "ack-g2-live");
            hub.publish("gatepost/v1/gates/g1/ack", "ack-g1-live");
            Await.until("g1 receives its own ack", () -> g1.receivedOn("gatepost/v1/gates/g1/ack", "ack-g1-live"));
            assertFalse(g1.receivedAnythingOn("gatepost/v1/gates/g2/ack"), "g1 read g2's ack: " + g1.received());
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        MqttSecurityException e = assertThrows(
                MqttSecurityException.class,
                () -> BrokerClient.to(broker.url())
                        .as("g1", broker.password("g2"))
                        .connect());
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, e.getReasonCode());
    }

    @Test
    void anAnonymousClientIsRefused() {
        MqttSecurityException e = assertThrows(
                MqttSecurityException.class,
                () -> BrokerClient.to(broker.url()).clientId("g1").connect());
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, e.getReasonCode());
    }

    @Test
    void aGateClaimingAnotherGatesClientIdGetsNeitherItsSessionNorItsTopics() throws Exception {
        try (BrokerClient hub = broker.client("gatepost-hub").connect();
                BrokerClient g2 = broker.client("g2").connect();
                BrokerClient impostor = broker.client("g1").clientId("g2").connect()) {
            hub.subscribe("gatepost/v1/gates/+/entries");
            impostor.publish(G2_ENTRIES, "forged");
            impostor.publish(G1_ENTRIES, "impostor-sentinel");
            g2.publish(G2_ENTRIES, "g2-still-here");
            Await.until(
                    "hub receives the impostor's sentinel and the real g2's entry",
                    () -> hub.receivedOn(G1_ENTRIES, "impostor-sentinel")
                            && hub.receivedOn(G2_ENTRIES, "g2-still-here"));
            assertFalse(hub.receivedOn(G2_ENTRIES, "forged"), "g1 posing as client g2 wrote g2's entries");
            assertTrue(g2.isConnected(), "the real g2 was disconnected by a client claiming its id");
        }
        assertTrue(
                broker.log().contains(" as g1 (p2, c1"),
                "the broker names the impostor by its user name:\n" + broker.log());
    }

    @Test
    void theBrokerListensOnTheConfiguredPortsOnly() throws Exception {
        Matcher m = Pattern.compile("Opening ipv[46] listen socket on port (\\d+)\\.")
                .matcher(broker.log());
        Set<Integer> ports = m.results().map(r -> Integer.parseInt(r.group(1))).collect(Collectors.toSet());
        assertEquals(Set.of(broker.port, broker.tlsPort), ports, broker.log());
    }
}
