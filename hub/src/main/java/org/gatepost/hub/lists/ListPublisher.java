package org.gatepost.hub.lists;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.gatepost.hub.ack.RetainedPublisher;
import org.gatepost.hub.store.Lease;
import org.gatepost.hub.store.ListStore;
import org.gatepost.hub.store.ListVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the lists to the gates ({@code docs/mqtt.md}, Lists) on its own thread, never on a Paho callback:
 * for every list whose version changed since it last published it, all parts, retained, QoS 1 (waiting for the
 * broker each time), then clears parts left above the new part count, then the manifest. The first run after
 * {@link #start} publishes everything (a restarted hub republishes). A failed run is retried after
 * {@code retryMin}, doubling to {@code retryMax}; requests made meanwhile are folded into the retry.
 * {@link #requestPublish} never blocks. Thread safe. Memory: a list's items as UTF-8 bytes and one part at a
 * time (about 1.5 times the imported file for 200,000 residents), never all parts at once.
 *
 * <p>With several hub instances ({@link #useLease}) only the holder of the {@code lists} lease publishes, checking
 * it before each message; the others only tell it of their operators' changes (the {@code announce} hook, over the
 * cluster bus), and the holder also looks for changed versions every {@link #POLL} in case such a word was lost.
 * Taking the lease republishes everything, as a start does.
 */
public final class ListPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ListPublisher.class);
    public static final Duration DEFAULT_RETRY_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(1);
    /** How often the holder of the {@code lists} lease compares the stored versions with what it published. */
    public static final Duration POLL = Duration.ofSeconds(5);

    private final ListStore store;
    private final RetainedPublisher mqtt;
    private final Clock clock;
    private final Duration retryMin;
    private final Duration retryMax;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong manifests = new AtomicLong();
    private final Map<ListKind, ListDocuments.ManifestEntry> published = new EnumMap<>(ListKind.class);
    private final Map<ListKind, Integer> retainedParts = new HashMap<>();
    private Duration retry;
    private boolean manifestDue;
    /** Null: the only instance, always publishes. */
    private volatile Lease lease;

    private volatile Runnable announce = () -> {};

    private static final class LeaseLost extends Exception {
        LeaseLost() {
            super("lists lease not held", null, false, false);
        }
    }

    public ListPublisher(ListStore store, RetainedPublisher mqtt, Clock clock, Duration retryMin, Duration retryMax) {
        this.store = store;
        this.mqtt = mqtt;
        this.clock = clock;
        this.retryMin = retryMin;
        this.retryMax = retryMax;
        this.retry = retryMin;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("list-publisher").daemon().factory());
    }

    /**
     * Publishes only while {@code lease} is held, and calls {@code announce} (never blocking) after each change made
     * on this instance ({@link #requestPublish}) so the other instances can tell the holder. Call before
     * {@link #start}.
     */
    public void useLease(Lease lease, Runnable announce) {
        this.lease = lease;
        this.announce = announce;
    }

    /** Publishes every list and the manifest soon (on the publisher's thread). */
    public void start() {
        publishSoon();
        if (lease != null) {
            thread.scheduleWithFixedDelay(this::publishSoon, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A list changed on this instance: publishes what changed soon and tells the other instances; returns at once. */
    public void requestPublish() {
        announce.run();
        publishSoon();
    }

    /** A list changed, maybe on another instance: publishes what changed soon (if this one may); returns at once. */
    public void publishSoon() {
        if (pending.compareAndSet(false, true)) {
            schedule(Duration.ZERO);
        }
    }

    /** This instance has just taken the {@code lists} lease: publishes every list and the manifest soon. */
    public void republishAll() {
        try {
            thread.execute(published::clear);
        } catch (RejectedExecutionException e) {
            return;
        }
        publishSoon();
    }

    /**
     * Waits until every publish asked for so far (not a later retry or poll) has run. For tests: it makes "nothing
     * was published before X" a fact rather than a race.
     */
    void awaitQueued() throws Exception {
        thread.submit(() -> {}).get(30, TimeUnit.SECONDS);
    }

    /** How many manifests were published since start (for tests and health). */
    public long manifestsPublished() {
        return manifests.get();
    }

    private void schedule(Duration delay) {
        try {
            thread.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("event=list-publish-not-scheduled reason=closed");
        }
    }

    private void run() {
        pending.set(false);
        try {
            checkHeld();
            publishChanged();
            retry = retryMin;
        } catch (LeaseLost e) {
            log.debug("event=lists-not-published reason=lease-not-held");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("event=lists-publish-failed retryMs={} reason={}", retry.toMillis(), e.getMessage());
            if (pending.compareAndSet(false, true)) {
                schedule(retry);
            }
            Duration doubled = retry.multipliedBy(2);
            retry = doubled.compareTo(retryMax) > 0 ? retryMax : doubled;
        }
    }

    private void publishChanged() throws Exception {
        Map<String, ListVersion> versions = new HashMap<>();
        store.versions().forEach(v -> versions.put(v.list(), v));
        for (ListKind kind : ListKind.values()) {
            ListVersion v = versions.get(kind.wire());
            ListDocuments.ManifestEntry last = published.get(kind);
            if (v == null || last != null && last.version() == v.version()) {
                continue;
            }
            List<byte[]> items = new ArrayList<>();
            ListVersion current = store.forEachItem(kind.wire(), items::add).orElseThrow();
            ListDocuments.Parts parts = ListDocuments.parts(kind, current.version(), current.publishedAt(), items);
            for (int i = 1; i <= parts.count(); i++) {
                checkHeld();
                mqtt.publishRetained(ListTopics.part(kind, i), parts.part(i));
            }
            int before = retainedParts.getOrDefault(kind, 0);
            for (int i = parts.count() + 1; i <= before; i++) {
                checkHeld();
                mqtt.publishRetained(ListTopics.part(kind, i), new byte[0]);
            }
            retainedParts.put(kind, parts.count());
            published.put(kind, parts.entry());
            manifestDue = true;
            log.info(
                    "event=list-published list={} version={} parts={} items={}",
                    kind.wire(),
                    current.version(),
                    parts.count(),
                    items.size());
        }
        if (manifestDue) {
            List<ListDocuments.ManifestEntry> entries = new ArrayList<>(published.values());
            checkHeld();
            mqtt.publishRetained(ListTopics.MANIFEST, ListDocuments.manifest(entries, clock.instant()));
            manifestDue = false;
            manifests.incrementAndGet();
            log.info("event=list-manifest-published lists={}", entries.size());
        }
    }

    private void checkHeld() throws LeaseLost {
        Lease l = lease;
        if (l != null && !l.held()) {
            throw new LeaseLost();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("event=list-publisher-not-stopped withinS=5");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
