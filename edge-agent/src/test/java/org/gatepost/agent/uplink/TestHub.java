package org.gatepost.agent.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal hub for uplink tests: a Paho client with a persistent session that records every entry and
 * status of one gate and, while auto-ack is on, publishes the retained cumulative ack (highest contiguous
 * seq received). Entries above {@link #dropAbove} are thrown away as if the hub never committed them.
 * Reconnects by itself after a broker restart. Acks (one at a time, waiting for the PUBACK, so Paho's
 * in-flight window never overflows) and resubscribes run on its own executor, never in a Paho callback.
 */
final class TestHub implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final MqttAsyncClient client;
    private final String gate;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-hub"));
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final Map<Long, String> payloads = new ConcurrentHashMap<>();
    private final List<JsonNode> statuses = new CopyOnWriteArrayList<>();
    private final TreeSet<Long> received = new TreeSet<>();
    private final AtomicBoolean ackPending = new AtomicBoolean();
    private volatile String epoch;
    private volatile boolean autoAck = true;
    private volatile long dropAbove = Long.MAX_VALUE;

    private TestHub(MqttAsyncClient client, String gate) {
        this.client = client;
        this.gate = gate;
    }

    /** Connects as client {@code clientId} (persistent session) and subscribes to the gate's entries and status. */
    static TestHub connect(String url, String gate, String clientId) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        TestHub hub = new TestHub(c, gate);
        c.setCallback(hub.new Callback());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(500);
        o.setKeepAliveInterval(10);
        c.connect(o).waitForCompletion(5_000);
        hub.subscribe();
        return hub;
    }

    static TestHub connect(String url, String gate) throws MqttException {
        return connect(url, gate, "test-hub");
    }

    /** Seqs in arrival order, duplicates included. */
    List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Seqs in order of first arrival. */
    List<Long> distinctArrivals() {
        return List.copyOf(new LinkedHashSet<>(arrivals));
    }

    long timesReceived(long seq) {
        return arrivals.stream().filter(s -> s == seq).count();
    }

    String payload(long seq) {
        return payloads.get(seq);
    }

    List<JsonNode> statuses() {
        return new ArrayList<>(statuses);
    }

    void clearArrivals() {
        arrivals.clear();
    }

    void autoAck(boolean on) {
        autoAck = on;
        if (on) scheduleAck();
    }

    /** Entries with a higher seq are dropped unrecorded, as if lost before the hub's commit. */
    void dropAbove(long seq) {
        dropAbove = seq;
    }

    /** Publishes the retained ack {@code {"v":1,"epoch":…,"upTo":…}} now and waits for the broker's PUBACK. */
    void publishAck(String epoch, long upTo) throws MqttException {
        publishRaw("{\"v\":1,\"epoch\":\"" + epoch + "\",\"upTo\":" + upTo + "}");
    }

    /** Publishes any payload on the gate's ack topic, retained, and waits for the broker's PUBACK. */
    void publishRaw(String payload) throws MqttException {
        client.publish(Topics.ack(gate), payload.getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(5_000);
    }

    @Override
    public void close() throws MqttException {
        executor.shutdownNow();
        try {
            if (client.isConnected()) client.disconnect(500).waitForCompletion(2_000);
        } catch (MqttException e) {
            client.disconnectForcibly(0, 500);
        }
        client.close();
    }

    private void subscribe() throws MqttException {
        client.subscribe(new String[] {Topics.entries(gate), Topics.status(gate)}, new int[] {1, 1})
                .waitForCompletion(5_000);
    }

    private void onEntry(byte[] bytes) throws IOException {
        String json = new String(bytes, StandardCharsets.UTF_8);
        JsonNode n = MAPPER.readTree(json);
        long seq = n.get("seq").asLong();
        if (seq > dropAbove) return;
        epoch = n.get("epoch").asText();
        payloads.put(seq, json);
        arrivals.add(seq);
        synchronized (received) {
            received.add(seq);
        }
        if (autoAck) scheduleAck();
    }

    private void scheduleAck() {
        if (!ackPending.compareAndSet(false, true)) return;
        executor.execute(() -> {
            ackPending.set(false);
            if (!autoAck || epoch == null) return;
            long upTo = contiguous();
            if (upTo < 1) return;
            try {
                publishAck(epoch, upTo);
            } catch (MqttException e) {
                // Disconnected: the agent republishes after the reconnect, and that triggers another ack.
            }
        });
    }

    private long contiguous() {
        synchronized (received) {
            long upTo = 0;
            for (long s : received) {
                if (s == upTo + 1) upTo = s;
                else if (s > upTo + 1) break;
            }
            return upTo;
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (!reconnect) return;
            executor.execute(() -> {
                try {
                    subscribe();
                } catch (MqttException e) {
                    // The broker went away again; the next reconnect subscribes again.
                }
            });
            scheduleAck();
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws IOException {
            if (topic.equals(Topics.entries(gate))) onEntry(message.getPayload());
            else if (topic.equals(Topics.status(gate))) statuses.add(MAPPER.readTree(message.getPayload()));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
