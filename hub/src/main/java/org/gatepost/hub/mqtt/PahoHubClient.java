package org.gatepost.hub.mqtt;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatepost.hub.ack.RetainedPublisher;
import org.gatepost.hub.ingest.InboundMessage;
import org.gatepost.hub.ingest.MessageAcker;
import org.gatepost.hub.watch.CommandPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT connection (Paho mqttv3): the only class that touches Paho.
 *
 * <p>Persistent session ({@code cleanSession=false}, stable client id, in-memory Paho state) unless created clean
 * (one of several hub instances sharing the gates' messages, {@link HubSubscriptions#shared}), manual acks,
 * automatic reconnect after the first success, and its own retry loop with backoff for the first connect.
 * The callback is set before connecting. Paho's callback thread only hands each message to {@code inbox}
 * (which must not block); subscribing runs on this class's own thread ({@code hub-mqtt}) after every
 * (re)connect, never inside a callback. Nothing thrown by our code escapes into Paho.
 *
 * <p>{@link #ack} and {@link #publishRetained} may be called from any thread; they block at most
 * {@link #OPERATION_TIMEOUT}. {@link #publish} (commands) does not wait for the broker: a failure after the
 * hand-over is only logged.
 */
public final class PahoHubClient implements MessageAcker, RetainedPublisher, CommandPublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PahoHubClient.class);
    public static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration FIRST_CONNECT_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final int KEEP_ALIVE_SECONDS = 30;
    static final int QOS = 1;
    /** Publishes (acks, lists, commands) outstanding at once; Paho refuses more ("too many publishes in progress"). */
    static final int MAX_INFLIGHT = 1_000;

    private final MqttSettings settings;
    private final List<String> filters;
    private final List<String> dropped;
    private final Consumer<InboundMessage> inbox;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("hub-mqtt").daemon().factory());
    private final CompletableFuture<Void> firstSubscription = new CompletableFuture<>();
    private final AtomicInteger failedConnects = new AtomicInteger();
    private volatile boolean closed;

    /** Creates the client without connecting; call {@link #start()}. */
    public PahoHubClient(MqttSettings settings, List<String> filters, Consumer<InboundMessage> inbox)
            throws MqttLinkException {
        this(settings, filters, List.of(), inbox);
    }

    /**
     * As {@link #PahoHubClient(MqttSettings, List, Consumer)}, and after each subscription it unsubscribes
     * {@code dropped}: filters an earlier version subscribed this persistent session to, which another session
     * now takes (the broker keeps a persistent session's subscriptions across restarts).
     */
    public PahoHubClient(
            MqttSettings settings, List<String> filters, List<String> dropped, Consumer<InboundMessage> inbox)
            throws MqttLinkException {
        this(settings, false, filters, dropped, inbox);
    }

    /**
     * As {@link #PahoHubClient(MqttSettings, List, List, Consumer)}; {@code cleanSession} makes the session clean:
     * the broker keeps nothing for it while it is away, and it subscribes again on every connect.
     */
    public PahoHubClient(
            MqttSettings settings,
            boolean cleanSession,
            List<String> filters,
            List<String> dropped,
            Consumer<InboundMessage> inbox)
            throws MqttLinkException {
        this.settings = settings;
        this.filters = List.copyOf(filters);
        this.dropped = List.copyOf(dropped);
        this.inbox = inbox;
        try {
            this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new MqttLinkException("cannot create MQTT client for " + settings.url() + ": " + e.getMessage(), e);
        }
        client.setManualAcks(true);
        client.setCallback(new Callback());
        options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay((int) MAX_BACKOFF.toMillis());
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout((int) OPERATION_TIMEOUT.toSeconds());
        options.setMaxInflight(MAX_INFLIGHT);
        if (settings.url().startsWith("tcp://")) {
            options.setSocketFactory(new BufferedSocketFactory());
        }
        settings.username().ifPresent(options::setUserName);
        settings.password().ifPresent(p -> options.setPassword(p.toCharArray()));
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        worker.execute(this::connectWithRetry);
    }

    /** Waits until the first subscription is in place, so messages published from now on reach the hub. */
    public void awaitSubscribed(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            firstSubscription.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot happen: never completed exceptionally", e);
        }
    }

    /** Failed first-connect attempts so far (for tests). */
    int failedConnects() {
        return failedConnects.get();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void ack(InboundMessage m) throws MqttLinkException {
        try {
            client.messageArrivedComplete(m.id(), m.qos());
        } catch (MqttException e) {
            throw new MqttLinkException("ack failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void publishRetained(String topic, byte[] payload) throws MqttLinkException {
        try {
            IMqttDeliveryToken t = client.publish(topic, payload, QOS, true);
            t.waitForCompletion(OPERATION_TIMEOUT.toMillis());
        } catch (MqttException e) {
            throw new MqttLinkException("publish to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    /** Publishes QoS 1, not retained, without waiting for the broker's acknowledgement. */
    @Override
    public void publish(String topic, byte[] payload) throws MqttLinkException {
        try {
            client.publish(topic, payload, QOS, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    log.debug("event=mqtt-published topic={}", topic);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    log.warn("event=mqtt-publish-failed topic={} reason={}", topic, e == null ? "?" : e.getMessage());
                }
            });
        } catch (MqttException e) {
            throw new MqttLinkException("publish to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    private void connectWithRetry() {
        Duration backoff = FIRST_CONNECT_BACKOFF;
        for (int attempt = 1; !closed && !client.isConnected(); attempt++) {
            try {
                client.connect(options).waitForCompletion(OPERATION_TIMEOUT.toMillis());
                return;
            } catch (MqttException e) {
                failedConnects.incrementAndGet();
                log.warn(
                        "event=mqtt-connect-failed url={} clientId={} attempt={} retryInMs={} reason={}",
                        settings.url(),
                        settings.clientId(),
                        attempt,
                        backoff.toMillis(),
                        e.getMessage());
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void subscribe() {
        if (closed || !client.isConnected()) {
            return;
        }
        String[] topics = filters.toArray(String[]::new);
        int[] qos = new int[topics.length];
        Arrays.fill(qos, QOS);
        try {
            IMqttToken t = client.subscribe(topics, qos);
            t.waitForCompletion(OPERATION_TIMEOUT.toMillis());
            for (int i = 0; i < topics.length; i++) {
                int granted = t.getGrantedQos().length > i ? t.getGrantedQos()[i] : 0x80;
                if (granted == 0x80) {
                    log.error("event=mqtt-subscription-refused by=broker topic={} url={}", topics[i], settings.url());
                    return;
                }
            }
            log.info(
                    "event=mqtt-subscribed clientId={} topics={} qos={} cleanSession={}",
                    settings.clientId(),
                    filters,
                    QOS,
                    options.isCleanSession());
            if (!dropped.isEmpty()) {
                client.unsubscribe(dropped.toArray(String[]::new)).waitForCompletion(OPERATION_TIMEOUT.toMillis());
                log.info("event=mqtt-unsubscribed clientId={} topics={}", settings.clientId(), dropped);
            }
            firstSubscription.complete(null);
        } catch (MqttException e) {
            log.warn(
                    "event=mqtt-subscribe-failed action=retry-on-next-connect url={} reason={}",
                    settings.url(),
                    e.getMessage());
        }
    }

    /** Disconnects (bounded) and releases Paho's threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        worker.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            log.debug("event=mqtt-disconnect-failed action=forcing reason={}", e.getMessage());
            try {
                client.disconnectForcibly(0, 1_000, false);
            } catch (MqttException ignored) {
                // closing anyway
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.warn("event=mqtt-close-failed reason={}", e.getMessage());
        }
        log.info("event=mqtt-closed url={}", settings.url());
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            try {
                log.info(
                        "event=mqtt-connected url={} clientId={} reconnect={}",
                        serverUri,
                        settings.clientId(),
                        reconnect);
                if (!closed) {
                    worker.execute(PahoHubClient.this::subscribe);
                }
            } catch (RuntimeException e) {
                log.error("event=mqtt-connect-complete-handler-failed error={}", e.toString());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            try {
                log.warn(
                        "event=mqtt-connection-lost url={} reason={}",
                        settings.url(),
                        cause == null ? "?" : cause.toString());
            } catch (RuntimeException ignored) {
                // never throw into Paho
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                inbox.accept(new InboundMessage(topic, message.getPayload(), message.getId(), message.getQos()));
            } catch (RuntimeException e) {
                log.error(
                        "event=mqtt-message-dropped-before-ingest action=broker-will-redeliver topic={} error={}",
                        topic,
                        e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // acks are awaited by publishRetained
        }
    }
}
