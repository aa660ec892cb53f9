package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.gatepost.hub.ack.RetainedPublisher;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.ingest.ForwardingHubEvents;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.RetestEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending-retests list ({@code docs/mqtt.md}, Pending retests): every person told to rest and be measured
 * again at any gate of the community, by credential hash, with the time their rest ends, published retained on
 * {@link #TOPIC} so every gate holds that person until then. Made from the stored entries
 * ({@link HubStore#openRetests}): a first fever reading's {@code retest} entry adds its credential; an entry of
 * that credential that decides (any decision but {@code retest}, {@code sign-in}, {@code sign-out}) removes it; an
 * item expires {@link #EXPIRY} after its rest ends, as at the gate.
 *
 * <p>Runs on its own thread: recomputes soon after {@link #changed} (ingest stored an entry; coalesced, at most
 * once per {@link #HINT_GAP}) and
 * every {@link #CHECK}; publishes when the list changed and at least every {@link #EVERY} (a fresh
 * {@code published_at}, which the gates' consoles take as a sign of the hub's life). With several hub instances
 * {@code mayPublish} is the {@code lists} lease: only its holder publishes, and sees the others' entries within
 * {@link #CHECK}. {@link #changed} never blocks. Thread safe.
 */
public final class PendingRetests implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PendingRetests.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String TOPIC = "gatepost/v1/hub/retests";
    /** The list is published at least this often, changed or not. */
    public static final Duration EVERY = Duration.ofSeconds(30);
    /** How often the list is recomputed from the store without a {@link #changed} hint. */
    public static final Duration CHECK = Duration.ofSeconds(5);
    /** How long after its rest an item still waits for the re-measure (the gates' {@code RetestBook.EXPIRY}). */
    public static final Duration EXPIRY = Duration.ofHours(1);
    /** The longest rest ({@code retest_rest_s} at most 3,600) plus the expiry: older retest entries cannot count. */
    static final Duration LOOKBACK = Duration.ofSeconds(3600).plus(EXPIRY);
    /** At most this many items (about 230 bytes each, so under 512 KB); beyond, the latest rests are kept. */
    public static final int MAX_ITEMS = 2_000;
    /** At most one recompute per this after {@link #changed} hints (a backlog draining stores thousands a second). */
    static final Duration HINT_GAP = Duration.ofMillis(250);

    /** One person's pending retest. {@code firstAt}: the first reading, by the gate's clock when synchronised. */
    public record Item(
            String hash,
            String gate,
            long firstSeq,
            Double firstBodyC,
            Instant firstAt,
            Instant until,
            Instant expires) {
        public Item {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(gate, "gate");
            Objects.requireNonNull(firstAt, "firstAt");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(expires, "expires");
        }
    }

    private final HubStore store;
    private final RetainedPublisher mqtt;
    private final Clock clock;
    private final BooleanSupplier mayPublish;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();
    /** When the last round ran ({@link System#nanoTime}); a hint after it waits until {@link #HINT_GAP} passed. */
    private volatile long lastRunNanos = System.nanoTime() - HINT_GAP.toNanos();

    private List<Item> published;
    private Instant publishedAt;

    public PendingRetests(HubStore store, RetainedPublisher mqtt, Clock clock, BooleanSupplier mayPublish) {
        this.store = Objects.requireNonNull(store, "store");
        this.mqtt = Objects.requireNonNull(mqtt, "mqtt");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mayPublish = Objects.requireNonNull(mayPublish, "mayPublish");
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("pending-retests").daemon().factory());
    }

    /** Publishes now and then every {@link #CHECK} as needed. */
    public void start() {
        thread.scheduleWithFixedDelay(this::run, 0, CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An entry was stored: recompute soon. Returns at once; never throws. */
    public void changed() {
        if (pending.compareAndSet(false, true)) {
            long wait = Math.max(0, lastRunNanos + HINT_GAP.toNanos() - System.nanoTime());
            try {
                thread.schedule(this::run, wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                pending.set(false);
            }
        }
    }

    /** {@code events}, and {@link #changed} on {@code retests} after every stored entry. */
    public static HubEvents telling(HubEvents events, PendingRetests retests) {
        return new ForwardingHubEvents(events) {
            @Override
            public void entryStored(String gate, String epoch, long seq) {
                super.entryStored(gate, epoch, seq);
                retests.changed();
            }
        };
    }

    private void run() {
        pending.set(false);
        lastRunNanos = System.nanoTime();
        try {
            tick(clock.instant());
        } catch (Exception e) {
            log.warn("event=pending-retests-not-published reason={}", e.getMessage());
        }
    }

    /** One round: recompute, and publish when changed or due. Called on the class's thread (tests call it directly). */
    synchronized void tick(Instant now) throws Exception {
        if (!mayPublish.getAsBoolean()) {
            published = null;
            return;
        }
        List<Item> items = items(store.openRetests(now.minus(LOOKBACK)), now);
        if (items.equals(published) && publishedAt != null && now.isBefore(publishedAt.plus(EVERY))) {
            return;
        }
        mqtt.publishRetained(TOPIC, payload(items, now));
        if (!items.equals(published)) {
            log.info("event=pending-retests-published items={}", items.size());
        }
        published = items;
        publishedAt = now;
    }

    /**
     * The pending retests among {@code open} (oldest first) at {@code now}: per credential the latest first
     * reading (a {@code retest} entry whose {@code retest.first_seq} is its own seq and which has
     * {@code rest_s}), unexpired; sorted by hash; the {@link #MAX_ITEMS} with the latest rest ends when more.
     */
    static List<Item> items(List<RetestEntry> open, Instant now) {
        Map<String, Item> byHash = new LinkedHashMap<>();
        for (RetestEntry e : open) {
            JsonNode retest;
            try {
                retest = MAPPER.readTree(e.payload()).get("retest");
            } catch (IOException ex) {
                continue;
            }
            if (retest == null || !retest.hasNonNull("rest_s") || !retest.hasNonNull("first_seq")) {
                continue;
            }
            if (retest.get("first_seq").asLong() != e.seq()) {
                continue;
            }
            Instant firstAt = e.clockSynced() ? e.at() : e.receivedAt();
            Instant until = firstAt.plusSeconds(retest.get("rest_s").asLong());
            Instant expires = until.plus(EXPIRY);
            if (!now.isBefore(expires)) {
                byHash.remove(e.hash());
                continue;
            }
            byHash.put(e.hash(), new Item(e.hash(), e.gate(), e.seq(), e.bodyC(), firstAt, until, expires));
        }
        List<Item> out = new ArrayList<>(byHash.values());
        if (out.size() > MAX_ITEMS) {
            log.warn("event=pending-retests-over-limit items={} kept={}", out.size(), MAX_ITEMS);
            out.sort(Comparator.comparing(Item::until).reversed());
            out = new ArrayList<>(out.subList(0, MAX_ITEMS));
        }
        out.sort(Comparator.comparing(Item::hash));
        return List.copyOf(out);
    }

    /** The message ({@code docs/mqtt.md}, Pending retests): compact UTF-8 JSON. */
    public static byte[] payload(List<Item> items, Instant publishedAt) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", 1);
        n.put("published_at", ContractJson.TIME_FORMAT.format(publishedAt));
        n.put("every_s", EVERY.toSeconds());
        ArrayNode a = n.putArray("items");
        for (Item i : items) {
            ObjectNode o = a.addObject();
            o.put("hash", i.hash());
            o.put("gate", i.gate());
            o.put("first_seq", i.firstSeq());
            if (i.firstBodyC() == null) {
                o.putNull("first_body_c");
            } else {
                o.put("first_body_c", i.firstBodyC());
            }
            o.put("first_at", ContractJson.TIME_FORMAT.format(i.firstAt()));
            o.put("until", ContractJson.TIME_FORMAT.format(i.until()));
            o.put("expires", ContractJson.TIME_FORMAT.format(i.expires()));
        }
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("event=pending-retests-not-stopped withinS=5");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
