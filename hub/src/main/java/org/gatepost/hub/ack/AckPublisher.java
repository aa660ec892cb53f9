package org.gatepost.hub.ack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.ingest.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the retained cumulative acknowledgement {@code gatepost/v1/gates/{gate}/ack} after commits.
 *
 * <p>Per gate it coalesces: at most one publish per {@code interval}, always of the latest value offered,
 * except that a gate whose committed {@code upTo} runs {@code eagerStep} or more beyond the last value taken for
 * publishing gets its acknowledgement at once: a gate draining a backlog is acknowledged every {@code eagerStep}
 * entries, so its window beyond the ack keeps moving, while a live gate's acks stay coalesced.
 * The value offered again is published again (a gate that lost the ack gets it back when it resends), but
 * for an epoch the published {@code upTo} never goes down. Publishing runs on the class's own thread
 * ({@code hub-ack}), never on a caller's (except the final flush in {@link #close()}); a failed publish is
 * retried after {@code retryDelay}.
 * {@link #committed} may be called from any thread and never blocks or throws.
 *
 * <p>With several hub instances only the holder of the {@code acks} lease publishes: {@code mayPublish} is asked
 * right before each publish, and a value taken while it says no is dropped (the next holder publishes the
 * database's progress when it takes the lease).
 */
public final class AckPublisher implements ProgressListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AckPublisher.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(150);
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
    /** Entries beyond the last published ack that make the next one go out at once (a gate draining a backlog). */
    public static final long DEFAULT_EAGER_STEP = 1_000;

    private final RetainedPublisher publisher;
    private final long intervalNanos;
    private final long retryDelayNanos;
    private final long eagerStep;
    private final BooleanSupplier mayPublish;
    private final ScheduledExecutorService scheduler;
    private final Map<String, GateAcks> gates = new HashMap<>();

    /** Guarded by {@code AckPublisher.this}. */
    private static final class GateAcks {
        final Map<String, Long> published = new HashMap<>();
        String pendingEpoch;
        long pendingUpTo;
        boolean scheduled;
        /** The scheduled flush, when {@link #scheduled}; {@link #early} when it was moved up for a gate far ahead. */
        ScheduledFuture<?> task;

        boolean early;
        /** The last value taken for publishing. */
        String takenEpoch;

        long takenUpTo;
        long lastPublishNanos = Long.MIN_VALUE;

        boolean farAhead(String epoch, long upTo, long eagerStep) {
            return epoch.equals(takenEpoch) && upTo - takenUpTo >= eagerStep;
        }
    }

    /** Coalesces with {@link #DEFAULT_EAGER_STEP}. */
    public AckPublisher(RetainedPublisher publisher, Duration interval, Duration retryDelay) {
        this(publisher, interval, retryDelay, DEFAULT_EAGER_STEP);
    }

    /** @param eagerStep entries beyond the last published ack that make the next one go out at once (≥ 1) */
    public AckPublisher(RetainedPublisher publisher, Duration interval, Duration retryDelay, long eagerStep) {
        this(publisher, interval, retryDelay, eagerStep, () -> true);
    }

    /** @param mayPublish asked before each publish: whether this instance may publish acks now (never blocks) */
    public AckPublisher(
            RetainedPublisher publisher,
            Duration interval,
            Duration retryDelay,
            long eagerStep,
            BooleanSupplier mayPublish) {
        if (eagerStep < 1) {
            throw new IllegalArgumentException("eagerStep must be >= 1, got " + eagerStep);
        }
        this.publisher = publisher;
        this.intervalNanos = interval.toNanos();
        this.retryDelayNanos = retryDelay.toNanos();
        this.eagerStep = eagerStep;
        this.mayPublish = mayPublish;
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("hub-ack").daemon().factory());
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = s;
    }

    @Override
    public synchronized void committed(String gate, String epoch, long upTo) {
        if (upTo < 1) {
            return;
        }
        GateAcks g = gates.computeIfAbsent(gate, k -> new GateAcks());
        if (upTo < g.published.getOrDefault(epoch, 0L)) {
            return;
        }
        if (epoch.equals(g.pendingEpoch) && upTo < g.pendingUpTo) {
            return;
        }
        g.pendingEpoch = epoch;
        g.pendingUpTo = upTo;
        boolean farAhead = g.farAhead(epoch, upTo, eagerStep);
        if (!g.scheduled) {
            long now = System.nanoTime();
            long due = g.lastPublishNanos == Long.MIN_VALUE || farAhead ? now : g.lastPublishNanos + intervalNanos;
            schedule(gate, g, Math.max(0, due - now));
            g.early = farAhead;
        } else if (farAhead && !g.early) {
            g.task.cancel(false); // if it already runs, the early flush finds nothing pending
            schedule(gate, g, 0);
            g.early = true;
        }
    }

    private void schedule(String gate, GateAcks g, long delayNanos) {
        try {
            g.task = scheduler.schedule(() -> flush(gate), delayNanos, TimeUnit.NANOSECONDS);
            g.scheduled = true;
        } catch (RejectedExecutionException e) {
            log.warn(
                    "event=ack-not-published reason=publisher-closed gate={} epoch={} upTo={}",
                    gate,
                    g.pendingEpoch,
                    g.pendingUpTo);
        }
    }

    private void flush(String gate) {
        String epoch;
        long upTo;
        synchronized (this) {
            GateAcks g = gates.get(gate);
            g.scheduled = false;
            g.early = false;
            if (g.pendingEpoch == null) {
                return;
            }
            epoch = g.pendingEpoch;
            upTo = g.pendingUpTo;
            g.pendingEpoch = null;
            g.takenEpoch = epoch;
            g.takenUpTo = upTo;
            g.lastPublishNanos = System.nanoTime();
        }
        if (!mayPublish.getAsBoolean()) {
            log.debug("event=ack-not-published reason=lease-not-held gate={} epoch={} upTo={}", gate, epoch, upTo);
            return;
        }
        try {
            publisher.publishRetained(Topics.ack(gate), ContractJson.ackPayload(epoch, upTo));
            log.debug("event=ack-published gate={} epoch={} upTo={}", gate, epoch, upTo);
            synchronized (this) {
                gates.get(gate).published.merge(epoch, upTo, Math::max);
            }
        } catch (Exception e) {
            log.warn(
                    "event=ack-publish-failed action=will-retry gate={} epoch={} upTo={} reason={}",
                    gate,
                    epoch,
                    upTo,
                    e.getMessage());
            synchronized (this) {
                GateAcks g = gates.get(gate);
                if (g.pendingEpoch == null) {
                    g.pendingEpoch = epoch;
                    g.pendingUpTo = upTo;
                }
                if (!g.scheduled && !scheduler.isShutdown()) {
                    schedule(gate, g, retryDelayNanos);
                }
            }
        }
    }

    /** Stops the thread (waiting up to 5 s for a publish in progress), then publishes what is still pending. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
            return;
        }
        List<String> pending;
        synchronized (this) {
            pending = gates.entrySet().stream()
                    .filter(e -> e.getValue().pendingEpoch != null)
                    .map(Map.Entry::getKey)
                    .toList();
        }
        pending.forEach(this::flush);
    }
}
