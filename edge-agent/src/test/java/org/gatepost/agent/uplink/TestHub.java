package org.gatepost.agent.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatepost.agent.contract.Topics;

/**
 * A minimal hub for uplink tests: a Paho client with a persistent session that records every entry (single or
 * in a batch), status and heartbeat of one gate and, while auto-ack is on, publishes the retained cumulative
 * ack (highest contiguous seq received), after {@link #ackDelay} if one is set (a slow hub). An automatic ack
 * waits at most {@value #AUTO_ACK_WAIT_MS} ms for its PUBACK: Moquette 0.17 now and then leaves one out while
 * it delivers large batches to this client. Entries above
 * {@link #dropAbove} are thrown away as if the hub never committed them.
 * Reconnects by itself after a broker restart. Acks (one at a time, waiting for the PUBACK, so Paho's
 * in-flight window never overflows) and resubscribes run on its own executor, never in a Paho callback.
 */
final class TestHub implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How long an automatic ack waits for its PUBACK before the next one goes out. */
    private static final long AUTO_ACK_WAIT_MS = 200;

    private final MqttAsyncClient client;
    private final String gate;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-hub"));
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final Map<Long, String> payloads = new ConcurrentHashMap<>();
    private final Map<Long, Long> firstArrivalNanos = new ConcurrentHashMap<>();
    private final List<JsonNode> statuses = new CopyOnWriteArrayList<>();
    private final List<JsonNode> heartbeats = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final TreeSet<Long> received = new TreeSet<>();
    private final AtomicBoolean ackPending = new AtomicBoolean();
    private volatile String epoch;
    private volatile boolean autoAck = true;
    private volatile long dropAbove = Long.MAX_VALUE;
    private volatile Duration ackDelay = Duration.ZERO;

    private TestHub(MqttAsyncClient client, String gate) {
        this.client = client;
        this.gate = gate;
    }

    /** Connects as client {@code clientId} (persistent session) and subscribes to the gate's entries and status. */
    static TestHub connect(String url, String gate, String clientId) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            TestHub hub = new TestHub(c, gate);
            c.setCallback(hub.new Callback());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(false);
            o.setAutomaticReconnect(true);
            o.setMaxReconnectDelay(500);
            o.setKeepAliveInterval(10);
            try {
                c.connect(o).waitForCompletion(5_000);
                hub.subscribe();
                return hub;
            } catch (MqttException e) {
                // Moquette 0.17 under load now and then drops a connection whose SUBSCRIBE follows the CONNACK
                // too closely ("SUBSCRIBE received on already closed connection"): connect again.
                if (attempt == 3) {
                    throw e;
                }
                try {
                    c.disconnectForcibly(0, 500);
                    c.close(true);
                } catch (MqttException ignored) {
                    // Already gone; the next attempt uses a new client.
                }
                hub.executor.shutdownNow();
            }
        }
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

    /** {@link System#nanoTime()} when {@code seq} first arrived, or null. */
    Long firstArrivalNanos(long seq) {
        return firstArrivalNanos.get(seq);
    }

    List<JsonNode> statuses() {
        return new ArrayList<>(statuses);
    }

    List<JsonNode> heartbeats() {
        return new ArrayList<>(heartbeats);
    }

    /**
     * Every message in arrival order: {@code entry:<seq>}, {@code batch:<first>-<last>}, {@code status:<reason>},
     * {@code heartbeat}.
     */
    List<String> events() {
        return List.copyOf(events);
    }

    long batchesReceived() {
        return events.stream().filter(e -> e.startsWith("batch:")).count();
    }

    void clearArrivals() {
        arrivals.clear();
    }

    void autoAck(boolean on) {
        autoAck = on;
        if (on) {
            scheduleAck();
        }
    }

    /** Waits this long before each ack it publishes: a slow hub. */
    void ackDelay(Duration delay) {
        ackDelay = delay;
    }

    /** Publishes a command (QoS 1, not retained) on the gate's commands topic and waits for the PUBACK. */
    void publishCommand(String json) throws MqttException {
        client.publish(Topics.commands(gate), json.getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(5_000);
    }

    /** Entries with a higher seq are dropped unrecorded, as if lost before the hub's commit. */
    void dropAbove(long seq) {
        dropAbove = seq;
    }

    /** Publishes the retained ack {@code {"v":1,"epoch":…,"upTo":…}} now and waits for the broker's PUBACK. */
    void publishAck(String epoch, long upTo) throws MqttException {
        publishRaw(ackJson(epoch, upTo));
    }

    private static String ackJson(String epoch, long upTo) {
        return "{\"v\":1,\"epoch\":\"" + epoch + "\",\"upTo\":" + upTo + "}";
    }

    /** Publishes any payload on the gate's ack topic, retained, and waits for the broker's PUBACK. */
    void publishRaw(String payload) throws MqttException {
        client.publish(Topics.ack(gate), payload.getBytes(StandardCharsets.UTF_8), 1, true)
                .waitForCompletion(5_000);
    }

    @Override
    public void close() throws MqttException {
        executor.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(500).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            client.disconnectForcibly(0, 500);
        }
        client.close();
    }

    private void subscribe() throws MqttException {
        client.subscribe(
                        new String[] {
                            Topics.entries(gate), Topics.batch(gate), Topics.status(gate), Topics.heartbeat(gate)
                        },
                        new int[] {1, 1, 1, 0})
                .waitForCompletion(5_000);
    }

    private void onEntry(byte[] bytes) throws IOException {
        JsonNode n = MAPPER.readTree(bytes);
        events.add("entry:" + n.get("seq").asLong());
        record(n);
        if (autoAck) {
            scheduleAck();
        }
    }

    private void onBatch(byte[] bytes) throws IOException {
        JsonNode b = MAPPER.readTree(bytes);
        JsonNode entries = b.get("entries");
        events.add("batch:" + entries.get(0).get("seq").asLong() + "-"
                + entries.get(entries.size() - 1).get("seq").asLong());
        for (JsonNode n : entries) {
            record(n);
        }
        if (autoAck) {
            scheduleAck();
        }
    }

    private void record(JsonNode n) throws IOException {
        long seq = n.get("seq").asLong();
        if (seq > dropAbove) {
            return;
        }
        firstArrivalNanos.putIfAbsent(seq, System.nanoTime());
        epoch = n.get("epoch").asText();
        payloads.put(seq, MAPPER.writeValueAsString(n));
        arrivals.add(seq);
        synchronized (received) {
            received.add(seq);
        }
    }

    private void scheduleAck() {
        if (!ackPending.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            if (!ackDelay.isZero()) {
                try {
                    Thread.sleep(ackDelay.toMillis()); // the simulated slowness of this hub
                } catch (InterruptedException e) {
                    return;
                }
            }
            ackPending.set(false);
            if (!autoAck || epoch == null) {
                return;
            }
            long upTo = contiguous();
            if (upTo < 1) {
                return;
            }
            try {
                client.publish(Topics.ack(gate), ackJson(epoch, upTo).getBytes(StandardCharsets.UTF_8), 1, true)
                        .waitForCompletion(AUTO_ACK_WAIT_MS);
            } catch (MqttException e) {
                // Disconnected: the agent republishes after the reconnect, and that triggers another ack. Or
                // Moquette 0.17 left the PUBACK out (seen under batch load): publish the latest ack again.
                if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
                    scheduleAck();
                }
            }
        });
    }

    private long contiguous() {
        synchronized (received) {
            long upTo = 0;
            for (long s : received) {
                if (s == upTo + 1) {
                    upTo = s;
                } else if (s > upTo + 1) {
                    break;
                }
            }
            return upTo;
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (!reconnect) {
                return;
            }
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
        public void connectionLost(Throwable cause) {}

        @Override
        public void messageArrived(String topic, MqttMessage message) throws IOException {
            if (topic.equals(Topics.entries(gate))) {
                onEntry(message.getPayload());
            } else if (topic.equals(Topics.batch(gate))) {
                onBatch(message.getPayload());
            } else if (topic.equals(Topics.status(gate))) {
                JsonNode status = MAPPER.readTree(message.getPayload());
                statuses.add(status);
                events.add("status:" + status.get("reason").asText());
            } else if (topic.equals(Topics.heartbeat(gate))) {
                heartbeats.add(MAPPER.readTree(message.getPayload()));
                events.add("heartbeat");
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
