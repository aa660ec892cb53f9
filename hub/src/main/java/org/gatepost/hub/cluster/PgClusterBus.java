package org.gatepost.hub.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gatepost.hub.store.NotifyChannel;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterBus} over PostgreSQL {@code LISTEN}/{@code NOTIFY} ({@link NotifyChannel}), with two threads:
 * {@code hub-bus-send} drains the queue of published events and sends them folded into payloads of at most
 * {@link NotifyChannel#MAX_PAYLOAD_BYTES} ({@link BusCodec}); {@code hub-bus-listen} holds a dedicated listening
 * connection, hands every event from another instance to the {@link BusReceiver} (its own, recognised by the
 * origin id, are skipped) and, when the connection is lost, reconnects with backoff from {@link #RETRY_FIRST} to
 * {@link #RETRY_MAX}, then calls {@link BusReceiver#resync()}. An idle connection is checked every
 * {@link #CHECK_IDLE}. A failed send is retried with the same backoff, the events kept (up to
 * {@link #QUEUE_LIMIT}; logged once per outage). Thread safe.
 */
public final class PgClusterBus implements ClusterBus {
    private static final Logger log = LoggerFactory.getLogger(PgClusterBus.class);
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration CHECK_IDLE = Duration.ofSeconds(5);
    static final Duration RETRY_FIRST = Duration.ofMillis(500);
    static final Duration RETRY_MAX = Duration.ofSeconds(10);
    /** Events waiting to be sent; more are dropped (the database is away or far behind). */
    static final int QUEUE_LIMIT = 100_000;

    private static final int DRAIN_MAX = 5_000;

    private final NotifyChannel channel;
    private final String instanceId;
    private final BusReceiver receiver;
    private final BlockingQueue<ClusterEvent> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private final Thread sender;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile boolean dropping;

    public PgClusterBus(NotifyChannel channel, String instanceId, BusReceiver receiver) {
        this.channel = channel;
        this.instanceId = instanceId;
        this.receiver = receiver;
        this.sender = new Thread(this::sendLoop, "hub-bus-send");
        this.sender.setDaemon(true);
        this.listener = new Thread(this::listenLoop, "hub-bus-listen");
        this.listener.setDaemon(true);
    }

    @Override
    public void publish(ClusterEvent event) {
        if (!queue.offer(event) && !dropping) {
            dropping = true;
            log.warn("event=cluster-bus-queue-full action=dropping-events limit={}", QUEUE_LIMIT);
        }
    }

    @Override
    public void start() {
        sender.start();
        listener.start();
    }

    private void sendLoop() {
        List<ClusterEvent> batch = new ArrayList<>();
        boolean failing = false;
        Duration wait = RETRY_FIRST;
        while (running) {
            try {
                if (batch.isEmpty()) {
                    ClusterEvent first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                queue.drainTo(batch, Math.max(0, QUEUE_LIMIT - batch.size()));
                dropping = false;
                try {
                    List<String> payloads = BusCodec.encode(instanceId, batch, NotifyChannel.MAX_PAYLOAD_BYTES);
                    channel.send(payloads);
                    log.debug("event=cluster-bus-sent events={} payloads={}", batch.size(), payloads.size());
                    batch.clear();
                    wait = RETRY_FIRST;
                    if (failing) {
                        failing = false;
                        log.info("event=cluster-bus-sending-again instance={}", instanceId);
                    }
                } catch (StoreException e) {
                    if (!failing) {
                        failing = true;
                        log.warn(
                                "event=cluster-bus-send-failed action=keeping-events-and-retrying instance={} events={}"
                                        + " reason={}",
                                instanceId,
                                batch.size(),
                                e.getMessage());
                    }
                    if (batch.size() >= QUEUE_LIMIT) {
                        log.warn(
                                "event=cluster-bus-events-dropped reason=too-many-waiting instance={} events={}",
                                instanceId,
                                batch.size());
                        batch.clear();
                    }
                    Thread.sleep(wait.toMillis());
                    wait = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("event=cluster-bus-send-bug error={}", e.toString(), e);
                batch.clear();
            }
        }
    }

    private void listenLoop() {
        Duration wait = RETRY_FIRST;
        boolean wasLost = false;
        while (running) {
            NotifyChannel.Listening l;
            try {
                l = channel.listen();
            } catch (StoreException e) {
                if (!wasLost) {
                    wasLost = true;
                    log.warn("event=cluster-bus-disconnected instance={} reason={}", instanceId, e.getMessage());
                }
                if (!pause(wait)) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
                continue;
            }
            wait = RETRY_FIRST;
            log.info("event=cluster-bus-connected instance={}", instanceId);
            wasLost = false;
            safely(receiver::resync);
            try (l) {
                long lastHeard = System.nanoTime();
                while (running) {
                    List<String> payloads = l.poll(POLL);
                    if (payloads.isEmpty()) {
                        if (System.nanoTime() - lastHeard > CHECK_IDLE.toNanos()) {
                            l.check();
                            lastHeard = System.nanoTime();
                        }
                        continue;
                    }
                    lastHeard = System.nanoTime();
                    payloads.forEach(this::deliver);
                }
            } catch (StoreException e) {
                if (running) {
                    wasLost = true;
                    log.warn("event=cluster-bus-disconnected instance={} reason={}", instanceId, e.getMessage());
                }
            }
        }
    }

    private void deliver(String payload) {
        try {
            BusCodec.Message m = BusCodec.decode(payload);
            log.debug(
                    "event=cluster-bus-heard from={} events={}",
                    m.from(),
                    m.events().size());
            if (m.from().equals(instanceId)) {
                return;
            }
            for (ClusterEvent e : m.events()) {
                safely(() -> receiver.received(e));
            }
        } catch (MalformedBusMessageException e) {
            log.warn("event=cluster-bus-message-unreadable reason={}", e.getMessage());
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.error("event=cluster-bus-receiver-bug error={}", e.toString(), e);
        }
    }

    private boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops both threads (waiting up to 5 s each) and closes the listening connection. */
    @Override
    public void close() {
        running = false;
        sender.interrupt();
        listener.interrupt();
        try {
            sender.join(5_000);
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
