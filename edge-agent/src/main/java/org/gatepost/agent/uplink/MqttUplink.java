package org.gatepost.agent.uplink;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatepost.agent.contract.AckMessage;
import org.gatepost.agent.contract.GateStatus;
import org.gatepost.agent.contract.MalformedAckException;
import org.gatepost.agent.contract.MalformedCommandException;
import org.gatepost.agent.contract.ResendCommand;
import org.gatepost.agent.contract.Topics;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Uplink} on Paho's {@link MqttAsyncClient} (MQTT 3.1.1, {@link MemoryPersistence}: the SQLite outbox
 * is the durable copy). Client id = gate id, persistent session, QoS 1, a retained {@code lost} will.
 *
 * <p>One background thread ({@code uplink-<gate>}) owns the connection: it connects with exponential backoff
 * and full jitter (the first connect is retried too), then on every connect subscribes to the gate's
 * {@code ack} and {@code commands} topics (and to the hub's lists, when given a {@link ListsReceiver}),
 * publishes the retained {@code online} status and a heartbeat, and republishes every unacknowledged entry
 * in seq order through an {@link OutboxPump} (batches while a backlog drains, the alert lane for fevers). It
 * publishes a heartbeat every {@code heartbeatInterval}, and within a second after the
 * {@link GateTelemetry#storeHealth()} reports a decision that could not be stored.
 * Paho's callbacks never wait: they queue acks and commands and wake that thread (list messages are parsed and
 * stored on the callback thread, a few milliseconds). Paho's own automatic reconnect is off.
 *
 * <p>Thread safe; see {@link Uplink} for the blocking behaviour of each method.
 */
public final class MqttUplink implements Uplink {
    private static final Logger log = LoggerFactory.getLogger(MqttUplink.class);
    private static final int QOS = 1;
    private static final int CONNECT_TIMEOUT_S = 10;
    private static final long CONNECT_WAIT_MS = TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_S + 5);
    private static final long OPERATION_WAIT_MS = 10_000;
    private static final long IDLE_POLL_MS = 1_000;
    private static final long STORE_RETRY_MS = 1_000;
    private static final long SHUTDOWN_STATUS_WAIT_MS = 2_000;
    private static final long DISCONNECT_QUIESCE_MS = 1_000;
    private static final long DISCONNECT_WAIT_MS = 3_000;
    private static final long WORKER_JOIN_MS = 5_000;

    private final UplinkSettings settings;
    private final EntryStore store;
    private final Clock clock;
    private final Backoff backoff;
    private final MqttAsyncClient client;
    private final OutboxPump pump;
    private final HeartbeatMaker heartbeats;
    private final ListsReceiver lists;
    private final PurgeHandler purge;
    private final String statusTopic;
    private final String ackTopic;
    private final String commandsTopic;
    private final String heartbeatTopic;
    private final Thread worker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean signalled;
    private volatile boolean closing;
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;
    private volatile boolean online;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong connectFailures = new AtomicLong();

    /** An uplink whose heartbeat reports no devices and a storage health of its own ({@link GateTelemetry#standalone()}). */
    public MqttUplink(UplinkSettings settings, EntryStore store, Clock clock, RandomGenerator random) {
        this(settings, store, clock, random, GateTelemetry.standalone());
    }

    /**
     * Builds the uplink; nothing touches the network before {@link #start()}.
     *
     * @param random    draws the reconnect jitter; pass a seeded or fixed generator in tests
     * @param telemetry what the heartbeat reports besides the outbox; its store health's failures trigger a heartbeat
     * @throws IllegalArgumentException if Paho rejects the broker URL or client id
     */
    public MqttUplink(
            UplinkSettings settings, EntryStore store, Clock clock, RandomGenerator random, GateTelemetry telemetry) {
        this(settings, store, clock, random, telemetry, ListsReceiver.NONE, PurgeHandler.NONE);
    }

    /**
     * As above, and subscribes on every connect to the hub's lists ({@code gatepost/v1/hub/lists/#}, QoS 1),
     * handing each message to {@code lists} on Paho's callback thread, and to the hub's retained purge
     * ({@value Topics#HUB_PURGE}), handing it and every {@code purge} command to {@code purge}, and publishes the
     * reports it makes (docs/mqtt.md, "End of the emergency").
     */
    public MqttUplink(
            UplinkSettings settings,
            EntryStore store,
            Clock clock,
            RandomGenerator random,
            GateTelemetry telemetry,
            ListsReceiver lists,
            PurgeHandler purge) {
        this.purge = Objects.requireNonNull(purge, "purge");
        this.lists = Objects.requireNonNull(lists, "lists");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(Backoff.DEFAULT_BASE, Backoff.DEFAULT_CAP, random);
        String gate = settings.gateId();
        this.heartbeats = new HeartbeatMaker(gate, settings.boot(), settings.heartbeatInterval(), store, telemetry);
        this.statusTopic = Topics.status(gate);
        this.ackTopic = Topics.ack(gate);
        this.commandsTopic = Topics.commands(gate);
        this.heartbeatTopic = Topics.heartbeat(gate);
        try {
            this.client = new MqttAsyncClient(settings.brokerUrl(), gate, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(
                    "cannot create an MQTT client for " + settings.brokerUrl() + ": " + e, e);
        }
        this.client.setCallback(new Callback());
        this.pump = new OutboxPump(
                store,
                new PahoEntrySender(client, gate, store.epoch()),
                gate,
                settings.maxInFlight(),
                settings.batchSize(),
                settings.resendAfter(),
                this::signal);
        this.worker = Thread.ofPlatform().name("uplink-" + gate).daemon(true).unstarted(this::run);
        telemetry.storeHealth().onNotRecorded(this::heartbeatSoon);
    }

    /**
     * Paho's own in-flight limit: room for our window, for the previous connection's window that Paho
     * resends after a reconnect, for the alert lane and for status messages and heartbeats, so Paho never
     * answers 32202 in normal operation.
     * (A 32202 is harmless to us, the entry is sent later, but Paho 1.2.5 takes a message id before it
     * checks its window and never gives it back.)
     */
    static int pahoMaxInflight(int window) {
        return 2 * (window + OutboxPump.ALERT_WINDOW) + 4;
    }

    @Override
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("uplink is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("uplink already started");
        }
        log.info(
                "event=uplink-starting gate={} broker={} epoch={} lastSeq={} ackedUpTo={} backlog={}",
                settings.gateId(),
                settings.brokerUrl(),
                store.epoch(),
                store.lastSeq(),
                store.ackedUpTo(),
                store.unackedCount());
        worker.start();
    }

    @Override
    public void wake() {
        signal();
    }

    @Override
    public UplinkState state() {
        return new UplinkState(
                online && client.isConnected(),
                store.ackedUpTo(),
                pump.lastAckAt(),
                store.unackedCount(),
                pump.inFlight(),
                pump.published(),
                connectFailures.get(),
                pump.acksBeyondLastSeq());
    }

    /**
     * Clean shutdown: while connected, first lets the uplink thread publish what is pending for up to
     * {@code shutdownFlush}; then announces the gate offline and disconnects. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (started.get()) {
            if (online && !settings.shutdownFlush().isZero()) {
                stopDeadlineNanos = System.nanoTime() + settings.shutdownFlush().toNanos();
                stopping = true;
                signal();
                joinWorker(settings.shutdownFlush().toMillis() + WORKER_JOIN_MS);
            }
            closing = true;
            signal();
            worker.interrupt();
            joinWorker(WORKER_JOIN_MS);
        } else {
            closing = true;
        }
        boolean wasOnline = online && client.isConnected();
        online = false;
        if (wasOnline) {
            announceShutdown();
            try {
                client.disconnect(DISCONNECT_QUIESCE_MS).waitForCompletion(DISCONNECT_WAIT_MS);
            } catch (MqttException e) {
                log.warn("event=uplink-disconnect-failed gate={} cause=\"{}\"", settings.gateId(), describe(e));
                forceDisconnect();
            }
        } else {
            forceDisconnect();
        }
        try {
            client.close();
        } catch (MqttException e) {
            log.warn("event=uplink-client-close-failed gate={} cause=\"{}\"", settings.gateId(), describe(e));
        }
        log.info(
                "event=uplink-closed gate={} lastSeq={} ackedUpTo={} backlog={} published={}",
                settings.gateId(),
                store.lastSeq(),
                store.ackedUpTo(),
                store.unackedCount(),
                pump.published());
    }

    /** The options of one connect attempt; the will carries the time of that attempt. */
    MqttConnectOptions connectOptions(Instant now) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(false);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setConnectionTimeout(CONNECT_TIMEOUT_S);
        o.setMaxInflight(pahoMaxInflight(settings.maxInFlight()));
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().toCharArray());
        }
        o.setWill(statusTopic, statusPayload(GateStatus.LOST, now), QOS, true);
        return o;
    }

    private void run() {
        int attempt = 0;
        int storeFailures = 0;
        while (!closing) {
            try {
                if (stopping && flushDone()) {
                    return;
                }
                if (!online || !client.isConnected()) {
                    if (connect(attempt)) {
                        attempt = 0;
                    } else {
                        sleepUnlessClosing(backoff.delay(attempt));
                        attempt = Math.min(attempt + 1, 30);
                    }
                    continue;
                }
                pump.tick(clock.instant());
                storeFailures = 0;
                reportPurge();
                Instant now = clock.instant();
                long untilHeartbeat = heartbeatIfDue(now);
                long due = Math.min(pump.millisUntilDue(now), untilHeartbeat);
                awaitSignal(Math.max(1, Math.min(IDLE_POLL_MS, due)));
            } catch (StoreException e) {
                log.error(
                        "event=uplink-store-failed gate={} failures={} cause=\"{}\"",
                        settings.gateId(),
                        ++storeFailures,
                        e.getMessage());
                // A full or failing disk must not silence the gate: the heartbeat is how the hub learns of it.
                if (online && client.isConnected()) {
                    heartbeatIfDue(clock.instant());
                }
                sleepUnlessClosing(Duration.ofMillis(STORE_RETRY_MS));
            } catch (RuntimeException e) {
                log.error("event=uplink-loop-failed gate={} cause=\"{}\"", settings.gateId(), e.toString(), e);
                sleepUnlessClosing(Duration.ofMillis(STORE_RETRY_MS));
            }
        }
    }

    /** One connect attempt with everything that belongs to a fresh connection. */
    private boolean connect(int attempt) {
        online = false;
        Instant now = clock.instant();
        try {
            client.connect(connectOptions(now)).waitForCompletion(CONNECT_WAIT_MS);
            List<String> wanted = new ArrayList<>(List.of(ackTopic, commandsTopic));
            if (lists != ListsReceiver.NONE) {
                wanted.addAll(List.of(Topics.LISTS_FILTER, Topics.RETESTS));
            }
            if (purge != PurgeHandler.NONE) {
                wanted.add(Topics.HUB_PURGE);
            }
            String[] topics = wanted.toArray(String[]::new);
            int[] qos = new int[topics.length];
            Arrays.fill(qos, QOS);
            IMqttToken sub = client.subscribe(topics, qos);
            sub.waitForCompletion(OPERATION_WAIT_MS);
            int[] granted = sub.getGrantedQos();
            if (granted == null || granted.length < topics.length) {
                throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
            }
            for (int g : granted) {
                if (g == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
                    throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
                }
            }
            client.publish(statusTopic, statusPayload(GateStatus.ONLINE, now), QOS, true);
            pump.restart(clock.instant());
            online = true;
            publishHeartbeat(clock.instant());
            log.info(
                    "event=uplink-connected gate={} broker={} failedAttempts={} ackedUpTo={} lastSeq={} backlog={}",
                    settings.gateId(),
                    settings.brokerUrl(),
                    attempt,
                    store.ackedUpTo(),
                    store.lastSeq(),
                    store.unackedCount());
            return true;
        } catch (MqttException e) {
            if (closing) {
                return false;
            }
            connectFailures.incrementAndGet();
            log.warn(
                    "event=uplink-connect-failed gate={} broker={} attempt={} nextWithinMs={} cause=\"{}\"",
                    settings.gateId(),
                    settings.brokerUrl(),
                    attempt + 1,
                    backoff.ceiling(attempt).toMillis(),
                    describe(e));
            forceDisconnect();
            return false;
        }
    }

    /** Publishes a purge report, retained, when one is due; a refused one is offered again on the next round. */
    private void reportPurge() {
        Optional<byte[]> report = purge.reportDue();
        if (report.isEmpty()) {
            return;
        }
        try {
            client.publish(Topics.purged(settings.gateId()), report.get(), QOS, true)
                    .waitForCompletion(OPERATION_WAIT_MS);
            purge.reported(report.get());
        } catch (MqttException e) {
            log.warn("event=uplink-purge-report-not-sent gate={} cause=\"{}\"", settings.gateId(), describe(e));
        }
    }

    /** While stopping: done once everything pending is published, the connection is gone, or time is up. */
    private boolean flushDone() {
        boolean idle = pump.idle();
        boolean late = System.nanoTime() - stopDeadlineNanos >= 0;
        if (!idle && !late && online && client.isConnected()) {
            return false;
        }
        log.info(
                "event=uplink-flushed gate={} complete={} lastSeq={} ackedUpTo={} inFlight={}",
                settings.gateId(),
                idle,
                store.lastSeq(),
                store.ackedUpTo(),
                pump.inFlight());
        return true;
    }

    /** Asks for a heartbeat within a second (a decision could not be stored). Any thread; never blocks. */
    private void heartbeatSoon() {
        heartbeats.wantSoon();
        signal();
    }

    /** Publishes a heartbeat if one is due; returns the milliseconds until the next one is. */
    private long heartbeatIfDue(Instant now) {
        if (heartbeats.millisUntilDue(now) == 0) {
            publishHeartbeat(now);
        }
        return heartbeats.millisUntilDue(now);
    }

    /** QoS 0, not retained, never blocks; a heartbeat Paho refuses is simply missing. */
    private void publishHeartbeat(Instant now) {
        try {
            client.publish(heartbeatTopic, heartbeats.make(now).toJson().getBytes(StandardCharsets.UTF_8), 0, false);
        } catch (MqttException e) {
            log.debug("event=uplink-heartbeat-not-sent gate={} cause=\"{}\"", settings.gateId(), describe(e));
        }
    }

    private void announceShutdown() {
        try {
            client.publish(statusTopic, statusPayload(GateStatus.SHUTDOWN, clock.instant()), QOS, true)
                    .waitForCompletion(SHUTDOWN_STATUS_WAIT_MS);
        } catch (MqttException e) {
            log.warn("event=uplink-shutdown-status-failed gate={} cause=\"{}\"", settings.gateId(), describe(e));
        }
    }

    private byte[] statusPayload(GateStatus status, Instant at) {
        return status.toJson(settings.gateId(), store.epoch(), settings.boot(), at)
                .getBytes(StandardCharsets.UTF_8);
    }

    private void forceDisconnect() {
        try {
            client.disconnectForcibly(0, DISCONNECT_QUIESCE_MS);
        } catch (MqttException e) {
            log.debug("event=uplink-force-disconnect gate={} cause=\"{}\"", settings.gateId(), describe(e));
        }
    }

    private void joinWorker(long millis) {
        if (!worker.isAlive()) {
            return;
        }
        try {
            worker.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            log.warn("event=uplink-worker-still-running gate={}", settings.gateId());
        }
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitSignal(long millis) {
        lock.lock();
        try {
            if (!signalled && !closing) {
                changed.await(millis, TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Waits out a backoff; new entries do not cut it short, closing or stopping does. */
    private void sleepUnlessClosing(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            long left;
            while (!closing && !stopping && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    static String describe(MqttException e) {
        Throwable cause = e.getCause();
        return "code=" + e.getReasonCode() + " " + e.getMessage() + (cause == null ? "" : " (" + cause + ")");
    }

    /** Runs on Paho's callback thread: never blocks, never throws. */
    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // The uplink thread does the per-connection work after connect() returns.
        }

        @Override
        public void connectionLost(Throwable cause) {
            online = false;
            log.warn(
                    "event=uplink-disconnected gate={} cause=\"{}\" backlog={}",
                    settings.gateId(),
                    cause,
                    store.unackedCount());
            signal();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (commandsTopic.equals(topic)) {
                command(message.getPayload());
                return;
            }
            if (Topics.HUB_PURGE.equals(topic)) {
                if (message.getPayload().length > 0) {
                    purge.received(message.getPayload());
                }
                return;
            }
            if (topic.startsWith(Topics.LISTS_ROOT) || Topics.RETESTS.equals(topic)) {
                try {
                    lists.received(topic, message.getPayload());
                } catch (RuntimeException e) {
                    log.error(
                            "event=uplink-lists-failed gate={} topic={} cause=\"{}\"",
                            settings.gateId(),
                            topic,
                            e.toString());
                }
                return;
            }
            if (!ackTopic.equals(topic)) {
                log.debug("event=uplink-unexpected-message gate={} topic={}", settings.gateId(), topic);
                return;
            }
            try {
                pump.offerAck(AckMessage.parse(message.getPayload()));
            } catch (MalformedAckException e) {
                log.warn(
                        "event=uplink-ack-ignored gate={} reason={} detail=\"{}\"",
                        settings.gateId(),
                        e.reason(),
                        e.getMessage());
            } catch (RuntimeException e) {
                log.warn(
                        "event=uplink-ack-ignored gate={} reason=internal-error cause=\"{}\"",
                        settings.gateId(),
                        e.toString());
            }
        }

        private void command(byte[] payload) {
            try {
                pump.offerResend(ResendCommand.parse(payload));
            } catch (MalformedCommandException e) {
                if ("unknown-command".equals(e.reason()) && purge != PurgeHandler.NONE) {
                    purge.received(payload); // it parses and logs a command that is not a purge either
                    return;
                }
                log.warn(
                        "event=uplink-command-ignored gate={} reason={} detail=\"{}\"",
                        settings.gateId(),
                        e.reason(),
                        e.getMessage());
            } catch (RuntimeException e) {
                log.warn(
                        "event=uplink-command-ignored gate={} reason=internal-error cause=\"{}\"",
                        settings.gateId(),
                        e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Entry publishes report through their own action listener.
        }
    }
}
