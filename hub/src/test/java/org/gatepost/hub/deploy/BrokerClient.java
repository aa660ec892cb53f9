package org.gatepost.hub.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho client with a user name and password (and TLS when given a socket factory) that records what it receives. */
final class BrokerClient implements AutoCloseable {
    record Received(String topic, String payload) {}

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean lost = new AtomicBoolean();

    private BrokerClient(MqttAsyncClient client) {
        this.client = client;
    }

    static Builder to(String url) {
        return new Builder(url);
    }

    static final class Builder {
        private final String url;
        private String clientId = "test-" + System.nanoTime();
        private String user;
        private String password;
        private boolean cleanSession = true;
        private SSLSocketFactory tls;

        private Builder(String url) {
            this.url = url;
        }

        Builder as(String user, String password) {
            this.user = user;
            this.password = password;
            this.clientId = user;
            return this;
        }

        Builder clientId(String id) {
            this.clientId = id;
            return this;
        }

        Builder persistentSession() {
            this.cleanSession = false;
            return this;
        }

        Builder tls(SSLSocketFactory factory) {
            this.tls = factory;
            return this;
        }

        /** Connects and waits for the CONNACK; a refusal throws (reason code 5: not authorised). */
        BrokerClient connect() throws MqttException {
            MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            BrokerClient b = new BrokerClient(c);
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    b.lost.set(true);
                }

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    b.received.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8)));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {}
            });
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(cleanSession);
            o.setKeepAliveInterval(30);
            o.setConnectionTimeout(10);
            o.setMaxInflight(2_000);
            if (user != null) {
                o.setUserName(user);
                o.setPassword(password.toCharArray());
            }
            if (tls != null) {
                o.setSocketFactory(tls);
            }
            try {
                c.connect(o).waitForCompletion(10_000);
            } catch (MqttException e) {
                c.close(true);
                throw e;
            }
            return b;
        }
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(10_000);
    }

    void publishRetained(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(10_000);
    }

    /** Publishes all at QoS 1 without waiting in between, then waits for every PUBACK. */
    void publishAll(String topic, List<String> payloads) throws MqttException {
        List<IMqttDeliveryToken> tokens = new ArrayList<>();
        for (String p : payloads) {
            tokens.add(client.publish(topic, p.getBytes(StandardCharsets.UTF_8), 1, false));
        }
        for (IMqttDeliveryToken t : tokens) {
            t.waitForCompletion(10_000);
        }
    }

    /** Subscribes at QoS 1 and returns the granted QoS (0x80: refused). */
    int subscribe(String filter) throws MqttException {
        IMqttToken t = client.subscribe(filter, 1);
        t.waitForCompletion(10_000);
        return t.getGrantedQos()[0];
    }

    List<Received> received() {
        return received;
    }

    boolean receivedOn(String topic, String payload) {
        return received.contains(new Received(topic, payload));
    }

    boolean receivedAnythingOn(String topic) {
        return received.stream().anyMatch(r -> r.topic().equals(topic));
    }

    boolean isConnected() {
        return client.isConnected() && !lost.get();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } finally {
            client.close(true);
        }
    }
}
