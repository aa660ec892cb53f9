package org.gatepost.hub.lists;

import org.gatepost.hub.ack.RetainedPublisher;
import org.gatepost.hub.store.ListStore;
import org.gatepost.hub.store.ListVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the lists to the gates ({@code docs/mqtt.md}, Lists) on its own thread, never on a Paho callback:
 * for every list whose version changed since it last published it, all parts, retained, QoS 1 (waiting for the
 * broker each time), then clears parts left above the new part count, then the manifest. The first run after
 * {@link #start} publishes everything (a restarted hub republishes). A failed run is retried after
 * {@code retryMin}, doubling to {@code retryMax}; requests made meanwhile are folded into the retry.
 * {@link #requestPublish} never blocks. Thread safe. Memory: a list's items as UTF-8 bytes and one part at a
 * time (about 1.5 times the imported file for 200,000 residents), never all parts at once.
 */
public final class ListPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ListPublisher.class);
    public static final Duration DEFAULT_RETRY_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(1);

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

    public ListPublisher(ListStore store, RetainedPublisher mqtt, Clock clock, Duration retryMin, Duration retryMax) {
        this.store = store;
        this.mqtt = mqtt;
        this.clock = clock;
        this.retryMin = retryMin;
        this.retryMax = retryMax;
        this.retry = retryMin;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "list-publisher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Publishes every list and the manifest soon (on the publisher's thread). */
    public void start() {
        requestPublish();
    }

    /** Publishes what changed soon; returns at once. */
    public void requestPublish() {
        if (pending.compareAndSet(false, true)) {
            schedule(Duration.ZERO);
        }
    }

    /** How many manifests were published since start (for tests and health). */
    public long manifestsPublished() {
        return manifests.get();
    }

    private void schedule(Duration delay) {
        try {
            thread.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("list publish not scheduled: closed");
        }
    }

    private void run() {
        pending.set(false);
        try {
            publishChanged();
            retry = retryMin;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("lists publish failed retryMs={} reason={}", retry.toMillis(), e.getMessage());
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
                mqtt.publishRetained(ListTopics.part(kind, i), parts.part(i));
            }
            int before = retainedParts.getOrDefault(kind, 0);
            for (int i = parts.count() + 1; i <= before; i++) {
                mqtt.publishRetained(ListTopics.part(kind, i), new byte[0]);
            }
            retainedParts.put(kind, parts.count());
            published.put(kind, parts.entry());
            manifestDue = true;
            log.info("list published list={} version={} parts={} items={}", kind.wire(), current.version(),
                    parts.count(), items.size());
        }
        if (manifestDue) {
            List<ListDocuments.ManifestEntry> entries = new ArrayList<>(published.values());
            mqtt.publishRetained(ListTopics.MANIFEST, ListDocuments.manifest(entries, clock.instant()));
            manifestDue = false;
            manifests.incrementAndGet();
            log.info("list manifest published lists={}", entries.size());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("list publisher did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
