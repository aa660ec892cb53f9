package org.gatepost.hub.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.alert.HealthRules;
import org.gatepost.hub.store.DiskFull;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single ingest thread ({@code hub-ingest}), the hub's only writer of ingested data.
 *
 * <p>Group commit: it takes the next message from the inbox together with whatever else is queued in the same
 * lane (up to {@link Tuning#maxGroup()} live messages or {@link Tuning#maxBulkGroup()} batches; live first, see
 * {@link IngestLanes}), validates each and writes all their effects in <b>one</b> store transaction, and only
 * after the commit acknowledges each MQTT message, in arrival order and on the session of its lane (QoS 0 messages need none). An invalid message
 * is stored as a dead letter in the same transaction and acknowledged, so it never blocks the ones behind it. When
 * the store fails, the same group is retried with backoff (from {@link Tuning#retryInitial()} doubling to
 * {@link Tuning#retryMax()}, or to {@link #DISK_FULL_RETRY_MAX} while the disk is full) and nothing is
 * acknowledged until it succeeds.
 *
 * <p>Several hub instances may write to one database (PostgreSQL). The transaction first locks every gate the group
 * writes to ({@link org.gatepost.hub.store.HubTransaction#lockGates}) and then writes gate by gate in sorted order,
 * each gate's messages in arrival order ({@link IngestOrder}); the acknowledgements still go out in arrival order.
 *
 * <p>Between groups, and at least every {@link Tuning#tickInterval()}, it runs {@code periodic.tick(clock.instant())}
 * (gap checks, heartbeat checks, retention), so those never race with ingest.
 *
 * <p>Start with {@link #start()}; {@link #close()} stops the thread and leaves unprocessed messages
 * unacknowledged (the broker redelivers them). {@link #stats()} may be called from any thread.
 */
public final class IngestWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);
    /**
     * The longest wait between retries while the store reports its disk full ({@link HubStore#diskFull()}), so
     * ingest resumes within this long of space returning. A retry on a full disk fails fast and writes nothing.
     */
    public static final Duration DISK_FULL_RETRY_MAX = Duration.ofSeconds(1);

    /**
     * @param maxGroup     most live messages committed in one transaction (≥ 1)
     * @param maxBulkGroup most batches committed in one transaction (≥ 1): bounds how long a live message waits
     *                     behind the backlog (a batch carries up to 200 entries)
     * @param tickInterval how often the periodic work runs
     */
    public record Tuning(
            int maxGroup, int maxBulkGroup, Duration tickInterval, Duration retryInitial, Duration retryMax) {
        public static final int DEFAULT_BULK_GROUP = 8;
        public static final Tuning DEFAULT =
                new Tuning(2000, Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(5));

        public Tuning(int maxGroup, Duration tickInterval, Duration retryInitial, Duration retryMax) {
            this(maxGroup, DEFAULT_BULK_GROUP, tickInterval, retryInitial, retryMax);
        }

        public Tuning {
            if (maxGroup < 1) {
                throw new IllegalArgumentException("maxGroup must be >= 1, got " + maxGroup);
            }
            if (maxBulkGroup < 1) {
                throw new IllegalArgumentException("maxBulkGroup must be >= 1, got " + maxBulkGroup);
            }
            Objects.requireNonNull(tickInterval, "tickInterval");
            Objects.requireNonNull(retryInitial, "retryInitial");
            Objects.requireNonNull(retryMax, "retryMax");
        }
    }

    private final IngestLanes inbox;
    private final HubStore store;
    private final MessageAcker liveAcker;
    private final MessageAcker bulkAcker;
    private final Periodic periodic;
    private final Clock clock;
    private final Tuning tuning;
    private final IngestCounters counters = new IngestCounters();
    private final MessageHandler handler;
    private final HubEvents events;
    private final IngestObserver observer;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param progress told each epoch's high-water mark after commits (the ack publisher)
     * @param events   told what changed after commits (the dashboard's live updates)
     * @param periodic run between groups at least every {@link Tuning#tickInterval()} with {@code clock.instant()}
     */
    public IngestWorker(
            IngestLanes inbox,
            HubStore store,
            AlertRules rules,
            MessageAcker acker,
            ProgressListener progress,
            HubEvents events,
            Periodic periodic,
            Clock clock,
            Tuning tuning) {
        this(inbox, store, rules, acker, acker, progress, events, periodic, clock, tuning, IngestObserver.NONE);
    }

    /**
     * @param liveAcker acknowledges the live lane's messages (the session they came on)
     * @param bulkAcker acknowledges the bulk lane's messages
     * @param observer  told each transaction's duration and each committed message's lag (the metrics)
     */
    public IngestWorker(
            IngestLanes inbox,
            HubStore store,
            AlertRules rules,
            MessageAcker liveAcker,
            MessageAcker bulkAcker,
            ProgressListener progress,
            HubEvents events,
            Periodic periodic,
            Clock clock,
            Tuning tuning,
            IngestObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.inbox = inbox;
        this.store = store;
        this.liveAcker = liveAcker;
        this.bulkAcker = bulkAcker;
        this.periodic = periodic;
        this.clock = clock;
        this.tuning = tuning;
        this.handler =
                new MessageHandler(rules, new HeartbeatHandler(new HealthRules(), events), progress, events, counters);
        this.events = events;
        this.thread = new Thread(this::run, "hub-ingest");
    }

    public void start() {
        thread.start();
    }

    public IngestStats stats() {
        return counters.snapshot(inbox.size());
    }

    /** Stops the thread, waiting up to 5 s for the group in hand. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        log.info(
                "event=ingest-started maxGroup={} maxBulkGroup={} tickMs={}",
                tuning.maxGroup(),
                tuning.maxBulkGroup(),
                tuning.tickInterval().toMillis());
        long tickNanos = tuning.tickInterval().toNanos();
        long nextTick = System.nanoTime() + tickNanos;
        List<InboundMessage> group = new ArrayList<>(tuning.maxGroup());
        while (running) {
            try {
                IngestLanes.Lane lane = inbox.take(
                        group,
                        tuning.maxGroup(),
                        tuning.maxBulkGroup(),
                        Math.max(0, nextTick - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (lane != null) {
                    process(group, lane);
                    group.clear();
                }
                if (System.nanoTime() - nextTick >= 0) {
                    periodic.tick(clock.instant());
                    nextTick = System.nanoTime() + tickNanos;
                }
            } catch (InterruptedException e) {
                break;
            } catch (StoreException e) {
                log.warn("event=periodic-work-failed action=retry-next-tick reason={}", e.getMessage());
                nextTick = System.nanoTime() + tickNanos;
            } catch (RuntimeException e) {
                log.error("event=periodic-work-bug error={}", e.toString(), e);
                nextTick = System.nanoTime() + tickNanos;
            }
        }
        log.info("event=ingest-stopped queued={}", inbox.size());
    }

    private void process(List<InboundMessage> group, IngestLanes.Lane lane) throws InterruptedException {
        MessageAcker acker = lane == IngestLanes.Lane.BULK ? bulkAcker : liveAcker;
        Duration backoff = tuning.retryInitial();
        int attempt = 0;
        boolean sawDiskFull = false;
        List<Runnable> afterCommit;
        List<InboundMessage> ordered = IngestOrder.forWriting(group);
        SortedSet<String> gates = IngestOrder.gates(group);
        while (true) {
            Instant now = clock.instant();
            long started = System.nanoTime();
            try {
                afterCommit = store.transaction(tx -> {
                    tx.lockGates(gates);
                    List<Runnable> done = new ArrayList<>(ordered.size());
                    for (InboundMessage m : ordered) {
                        done.add(handler.handle(tx, m, now));
                    }
                    return done;
                });
                observer.transaction(Duration.ofNanos(System.nanoTime() - started), true);
                break;
            } catch (StoreException e) {
                observer.transaction(Duration.ofNanos(System.nanoTime() - started), false);
                counters.storeFailures.incrementAndGet();
                sawDiskFull |= store.diskFull().isPresent();
                if (store.diskFull().isPresent() && backoff.compareTo(DISK_FULL_RETRY_MAX) > 0) {
                    backoff = DISK_FULL_RETRY_MAX;
                }
                if (attempt++ == 0 || store.diskFull().isEmpty()) {
                    log.error(
                            "event=store-failed action=messages-not-acknowledged count={} firstTopic={} retryInMs={} reason={}",
                            group.size(),
                            group.get(0).topic(),
                            backoff.toMillis(),
                            e.getMessage());
                } else {
                    // the store logged the full disk once; a line per retry would fill the log while it lasts
                    log.debug(
                            "event=store-still-full action=retrying count={} retryInMs={}",
                            group.size(),
                            backoff.toMillis());
                }
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(tuning.retryMax()) > 0
                        ? tuning.retryMax()
                        : backoff.multipliedBy(2);
            }
        }
        if (sawDiskFull) {
            events.alertsChanged(DiskFull.ALERT_GATE); // the store has just recorded the period as an alert
        }
        long committed = System.nanoTime();
        for (InboundMessage m : group) {
            observer.committed(lane, Duration.ofNanos(Math.max(0, committed - m.arrivedNanos())));
        }
        afterCommit.forEach(Runnable::run);
        for (InboundMessage m : group) {
            if (m.qos() > 0) {
                ack(acker, m);
            }
        }
        log.debug("event=group-committed messages={}", group.size());
    }

    private void ack(MessageAcker acker, InboundMessage m) {
        try {
            acker.ack(m);
        } catch (Exception e) {
            counters.ackFailures.incrementAndGet();
            log.warn(
                    "event=mqtt-ack-failed action=broker-will-redeliver topic={} id={} reason={}",
                    m.topic(),
                    m.id(),
                    e.getMessage());
        }
    }
}
