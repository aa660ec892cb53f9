package org.gatepost.hub.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatepost.hub.broker.EmbeddedBroker;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.ingest.InboundMessage;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.MosquittoProcess;
import org.gatepost.hub.testing.TestGateClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The brokers' side of {@link HubSubscriptions#shared}: Mosquitto hands each message of a shared subscription to
 * one member of the group (MQTT 3.1.1 clients, clean sessions); the embedded Moquette 0.17 does not implement
 * shared subscriptions, which is why a hub on the embedded broker subscribes to the plain filters.
 */
class SharedSubscriptionTest {
    private static final String GROUP = "test-hubs";

    @TempDir
    Path dir;

    private static MosquittoProcess mosquitto(Path dir, int port) throws Exception {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        return MosquittoProcess.start(conf, List.of(port));
    }

    /** A shared member as the hub runs it: its messages recorded, each acknowledged off Paho's thread. */
    private static final class Member implements AutoCloseable {
        final List<String> payloads = new CopyOnWriteArrayList<>();
        final ExecutorService acks = Executors.newSingleThreadExecutor();
        final PahoHubClient client;

        Member(String url, String id) throws MqttLinkException {
            HubSubscriptions s = HubSubscriptions.shared(GROUP);
            client = new PahoHubClient(
                    new MqttSettings(url, id, Optional.empty(), Optional.empty()),
                    s.cleanSession(),
                    s.live(),
                    s.liveDropped(),
                    this::received);
        }

        private void received(InboundMessage m) {
            payloads.add(new String(m.payload(), StandardCharsets.UTF_8));
            acks.execute(() -> {
                try {
                    client.ack(m);
                } catch (MqttLinkException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void close() {
            client.close();
            acks.shutdownNow();
        }
    }

    @Test
    void mosquittoHandsEachMessageOfTheSharedSubscriptionToOneHub() throws Exception {
        int port = MosquittoProcess.freePort();
        try (MosquittoProcess broker = mosquitto(dir, port);
                Member one = new Member("tcp://127.0.0.1:" + port, "hub-a");
                Member two = new Member("tcp://127.0.0.1:" + port, "hub-b")) {
            for (Member m : List.of(one, two)) {
                m.client.start();
                m.client.awaitSubscribed(Duration.ofSeconds(10));
            }
            try (TestGateClient gate = TestGateClient.connect("tcp://127.0.0.1:" + port, "g1")) {
                for (int i = 1; i <= 100; i++) {
                    gate.publish(Topics.entries("g1"), String.valueOf(i).getBytes(StandardCharsets.UTF_8));
                }
            }
            Await.until("100 messages across the group", () -> one.payloads.size() + two.payloads.size() == 100);

            List<String> all = new ArrayList<>(one.payloads);
            all.addAll(two.payloads);
            Set<String> distinct = new HashSet<>(all);
            assertEquals(100, distinct.size(), "no message went to both");
            assertTrue(
                    one.payloads.size() > 0 && two.payloads.size() > 0,
                    "both members got a share: " + one.payloads.size() + "/" + two.payloads.size());
            System.out.printf(
                    "mosquitto shared subscription: hub-a=%d hub-b=%d%n", one.payloads.size(), two.payloads.size());
        }
    }

    @Test
    void theEmbeddedMoquetteDeliversNothingToASharedSubscription() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0, dir.resolve("moquette"))) {
            List<String> received = new CopyOnWriteArrayList<>();
            MqttAsyncClient hub = new MqttAsyncClient(broker.url(), "hub-a", new MemoryPersistence());
            hub.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {}

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(topic);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {}
            });
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            hub.connect(o).waitForCompletion(10_000);
            String shared = HubSubscriptions.SHARE_PREFIX + GROUP + "/" + Topics.ENTRIES_FILTER;
            IMqttToken sub = hub.subscribe(new String[] {shared, Topics.HEARTBEAT_FILTER}, new int[] {1, 1});
            sub.waitForCompletion(10_000);
            try (TestGateClient gate = TestGateClient.connect(broker.url(), "g1")) {
                gate.publish(Topics.entries("g1"), "1".getBytes(StandardCharsets.UTF_8));
                gate.publish(Topics.heartbeat("g1"), "after".getBytes(StandardCharsets.UTF_8));
            }
            // The plain subscription's message was published after the entry: once it is here, so would the entry be.
            Await.until("the plain filter's message", () -> received.contains(Topics.heartbeat("g1")));

            assertEquals(List.of(Topics.heartbeat("g1")), received, "nothing for the $share filter");
            System.out.printf("moquette granted qos for %s: %d%n", shared, sub.getGrantedQos()[0]);
            hub.disconnect().waitForCompletion(5_000);
            hub.close();
        }
    }
}
