package org.gatepost.hub.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho client in the gate's role for tests: publishes QoS 1 and records what it receives. */
public final class TestGateClient implements AutoCloseable {
    public record Received(String topic, String payload, boolean retained) {}

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private boolean closed;

    private TestGateClient(MqttAsyncClient client) {
        this.client = client;
    }

    public static TestGateClient connect(String url, String clientId) throws MqttException {
        return connect(url, clientId, null);
    }

    /** Connects; {@code will} (topic, payload) is registered as a retained QoS 1 last will when given. */
    public static TestGateClient connect(String url, String clientId, String[] will) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        TestGateClient t = new TestGateClient(c);
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                t.received.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setKeepAliveInterval(30);
        if (will != null) {
            o.setWill(will[0], will[1].getBytes(StandardCharsets.UTF_8), 1, true);
        }
        c.connect(o).waitForCompletion(10_000);
        return t;
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        publish(topic, payload, false);
    }

    public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        for (int attempt = 0; ; attempt++) {
            try {
                client.publish(topic, payload, 1, retained).waitForCompletion(10_000);
                return;
            } catch (MqttException e) {
                // Paho 1.2.5 completes a token before it frees the in-flight slot (mqtt-notes.md): 32202 here
                // means "try again", not a lost message.
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || attempt >= 100) {
                    throw e;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Publishes at QoS 0, as the agent sends heartbeats: fire and forget. */
    public void publishQos0(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 0, false).waitForCompletion(10_000);
    }

    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    public List<Received> received() {
        return received;
    }

    /** Drops the TCP connection without a DISCONNECT packet, as a crash or cut cable would: the broker sends the will. */
    public void dropConnection() throws MqttException {
        closed = true;
        client.disconnectForcibly(0, 1_000, false);
        client.close(true);
    }

    @Override
    public void close() throws MqttException {
        if (closed) {
            return;
        }
        closed = true;
        if (client.isConnected()) {
            client.disconnect(1_000).waitForCompletion(2_000);
        }
        client.close(true);
    }
}
