package org.gatepost.agent.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.gatepost.agent.contract.HubRetestList;
import org.gatepost.agent.contract.HubRetests;
import org.gatepost.agent.contract.ListAssembler;
import org.gatepost.agent.contract.Topics;
import org.gatepost.agent.store.ListDatabase;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.uplink.ListsReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate's copy of the hub's lists ({@code docs/mqtt.md}, Lists): receives parts and manifests from the uplink,
 * assembles and verifies each version ({@link ListAssembler}), checks every item ({@link ListItems}), stores the
 * version in the gate's database ({@link ListDatabase}) and only then swaps a new {@link GateLists} in whole. A
 * version with a bad item, a wrong checksum or a failed write is not applied: the gate keeps deciding with the
 * version it has. At {@link #open} the stored versions are verified again and loaded, so a restarted gate decides
 * offline with the last lists it had. One log line per applied, ignored or rejected version; never a name or hash.
 *
 * <p>It also keeps the hub's pending-retests list ({@link #RETESTS_TOPIC}, {@code docs/mqtt.md}, Pending
 * retests): the last valid message is stored and loaded at {@link #open} like a list, and answers
 * {@link #hubRetests()}; a message with a new {@code published_at} marks the hub as heard from
 * ({@link #hubHeard()}).
 *
 * <p>{@link #current} is thread safe and never blocks. {@link #received} blocks on parsing and one SQLite
 * transaction; it is called by one thread at a time (synchronized).
 */
public final class ListSync implements ListsSource, ListsReceiver, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ListSync.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ListDatabase db;
    private final Clock clock;
    private final AtomicReference<GateLists> current;
    private final ListAssembler assembler;
    private final String gateId;
    private final AtomicReference<HubRetestList> retests = new AtomicReference<>();
    private volatile HubHeard heard;
    /** The newest {@code published_at} received during this run; guarded by {@code this}. */
    private Instant seenPublishedAt;

    /** The hub's pending-retests list, hub → every gate, QoS 1, retained. */
    public static final String RETESTS_TOPIC = Topics.RETESTS;

    /** When a pending-retests message with a new {@code published_at} arrived, and the hub's republish interval. */
    public record HubHeard(Instant at, Duration every) {}

    private ListSync(ListDatabase db, Clock clock, GateLists loaded, String gateId) {
        this.db = db;
        this.clock = clock;
        this.current = new AtomicReference<>(loaded);
        this.assembler = new ListAssembler(loaded.versions());
        this.gateId = gateId;
    }

    /**
     * Opens the lists stored in the gate's database {@code file} (the outbox's {@code store.path}; open the outbox
     * first). A stored version that no longer verifies is logged and left out.
     *
     * @throws StoreException if the file cannot be opened or read
     */
    public static ListSync open(Path file, Clock clock) throws StoreException {
        return open(file, clock, "");
    }

    /**
     * As {@link #open(Path, Clock)}, for the gate {@code gateId}: its own items of the hub's pending-retests list
     * are left out. The stored pending-retests message is loaded too.
     */
    public static ListSync open(Path file, Clock clock, String gateId) throws StoreException {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(gateId, "gateId");
        ListDatabase db = ListDatabase.open(file);
        try {
            GateLists lists = GateLists.NONE;
            for (ListDatabase.Stored s : db.loadAll().values()) {
                if (!GateLists.NAMES.contains(s.list())) {
                    continue;
                }
                if (!ListAssembler.sha256Hex(s.parts()).equals(s.sha256())) {
                    log.error(
                            "event=lists-load-failed list={} version={} reason=sha256-mismatch", s.list(), s.version());
                    continue;
                }
                try {
                    Object parsed = parse(s.list(), s.version(), s.parts());
                    lists = lists.with(s.list(), s.version(), parsed);
                    log.info(
                            "event=lists-loaded list={} version={} items={} published_at={}",
                            s.list(),
                            s.version(),
                            ListItems.count(parsed),
                            s.publishedAt());
                } catch (InvalidListException e) {
                    log.error("event=lists-load-failed {}", e.getMessage());
                }
            }
            ListSync sync = new ListSync(db, clock, lists, gateId);
            byte[] stored = db.loadRetests();
            if (stored != null) {
                try {
                    HubRetestList r = HubRetestList.parse(stored, gateId);
                    sync.retests.set(r);
                    log.info(
                            "event=retests-loaded items={} published_at={}",
                            r.items().size(),
                            r.publishedAt());
                } catch (HubRetestList.InvalidRetestListException e) {
                    log.error("event=retests-load-failed reason=\"{}\"", e.getMessage());
                }
            }
            return sync;
        } catch (StoreException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public GateLists current() {
        return current.get();
    }

    /** The version of each list held, by name; a list never received is absent. Never blocks. */
    public Map<String, Long> versions() {
        return current.get().versions();
    }

    /** The hub's pending retests of other gates, as last received; never blocks. */
    public HubRetests hubRetests() {
        return (hash, now) -> {
            HubRetestList r = retests.get();
            return r == null ? Optional.empty() : r.pending(hash, now);
        };
    }

    /**
     * When the hub was last heard from through its pending-retests list during this run (a message published after
     * the first one received); null if not yet.
     */
    public HubHeard hubHeard() {
        return heard;
    }

    private void receivedRetests(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        HubRetestList r;
        try {
            r = HubRetestList.parse(payload, gateId);
        } catch (HubRetestList.InvalidRetestListException e) {
            log.warn("event=retests-rejected reason=\"{}\"", e.getMessage());
            return;
        }
        HubRetestList before = retests.getAndSet(r);
        // The first message of a run may be a retained copy from a hub that has since stopped: only a later
        // publication shows the hub is alive.
        if (seenPublishedAt != null && r.publishedAt().isAfter(seenPublishedAt)) {
            heard = new HubHeard(clock.instant(), r.every());
        }
        if (seenPublishedAt == null || r.publishedAt().isAfter(seenPublishedAt)) {
            seenPublishedAt = r.publishedAt();
        }
        boolean changed = before == null || !before.items().equals(r.items());
        if (changed) {
            try {
                db.saveRetests(payload);
            } catch (StoreException e) {
                log.error("event=retests-store-failed cause=\"{}\"", e.getMessage());
            }
            log.info("event=retests-applied items={} published_at={}", r.items().size(), r.publishedAt());
        }
    }

    /** The lists that name people or households: all but the policy. */
    public static final List<String> PERSONAL_LISTS =
            List.of(GateLists.RESIDENTS, GateLists.QUARANTINE, GateLists.BLOCKED, GateLists.BADGES);

    /**
     * The end of the emergency (docs/security.md): forgets the personal lists and the hub's pending retests, on disk
     * ({@link ListDatabase#deletePersonal}) and in memory; the policy stays. The gate decides without them (on
     * temperature alone) until the hub publishes new versions (after a purge: empty ones). A part of a newer version
     * held for a manifest to come is kept by the assembler until then. Returns the counts deleted on disk.
     */
    public synchronized Map<String, Long> purgePersonal() throws StoreException {
        Map<String, Long> counts = db.deletePersonal(PERSONAL_LISTS);
        GateLists cur = current.get();
        Map<String, Long> versions = new HashMap<>(cur.versions());
        versions.keySet().removeAll(PERSONAL_LISTS);
        current.set(new GateLists(Map.of(), List.of(), Set.of(), Map.of(), cur.policy(), versions));
        retests.set(null);
        log.info("event=lists-purged deleted={}", counts);
        return counts;
    }

    @Override
    public synchronized void received(String topic, byte[] payload) {
        if (RETESTS_TOPIC.equals(topic)) {
            try {
                receivedRetests(payload);
            } catch (RuntimeException e) {
                log.error("event=retests-message-failed cause=\"{}\"", e.toString(), e);
            }
            return;
        }
        try {
            for (ListAssembler.Outcome o : assembler.offer(topic, payload)) {
                handle(o);
            }
        } catch (RuntimeException e) {
            log.error("event=lists-message-failed topic={} cause=\"{}\"", topic, e.toString(), e);
        }
    }

    private void handle(ListAssembler.Outcome outcome) {
        switch (outcome) {
            case ListAssembler.Complete c -> apply(c);
            case ListAssembler.Ignored i -> {
                if ("already-held".equals(i.reason())) {
                    log.debug("event=lists-ignored list={} version={} reason={}", i.list(), i.version(), i.reason());
                } else {
                    log.info(
                            "event=lists-ignored list={} version={} reason={} held={}",
                            i.list(),
                            i.version(),
                            i.reason(),
                            held(i.list()));
                }
            }
            case ListAssembler.Rejected r ->
                log.warn(
                        "event=lists-rejected list={} version={} reason={} held={}",
                        r.list(),
                        r.version(),
                        r.reason(),
                        held(r.list()));
            case ListAssembler.Malformed m ->
                log.warn("event=lists-message-ignored topic={} reason=\"{}\"", m.topic(), m.reason());
        }
    }

    private void apply(ListAssembler.Complete c) {
        String before = held(c.list());
        Object parsed;
        try {
            parsed = parse(c.list(), c.version(), c.parts());
        } catch (InvalidListException e) {
            log.warn("event=lists-rejected reason=bad-item {} held={}", e.getMessage(), before);
            return;
        }
        try {
            db.save(
                    new ListDatabase.Stored(c.list(), c.version(), c.publishedAt(), c.sha256(), c.parts()),
                    clock.instant());
        } catch (StoreException e) {
            log.error(
                    "event=lists-store-failed list={} version={} held={} cause=\"{}\"",
                    c.list(),
                    c.version(),
                    before,
                    e.getMessage());
            return;
        }
        current.set(current.get().with(c.list(), c.version(), parsed));
        assembler.held(c.list(), c.version());
        log.info(
                "event=lists-applied list={} version={} items={} parts={} previous={} published_at={}",
                c.list(),
                c.version(),
                c.items(),
                c.parts().size(),
                before,
                c.publishedAt());
    }

    private String held(String list) {
        Long v = versions().get(list);
        return v == null ? "none" : v.toString();
    }

    /** The items of every part, concatenated in part order, checked ({@link ListItems#parse}). */
    static Object parse(String list, long version, List<byte[]> parts) throws InvalidListException {
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode doc;
            try {
                doc = MAPPER.readTree(parts.get(i));
            } catch (IOException e) {
                throw new InvalidListException(list, version, -1, "part " + (i + 1) + " is not valid JSON");
            }
            JsonNode array = doc == null ? null : doc.get("items");
            if (array == null || !array.isArray()) {
                throw new InvalidListException(list, version, -1, "part " + (i + 1) + " has no items array");
            }
            array.forEach(items::add);
        }
        return ListItems.parse(list, version, items);
    }

    @Override
    public void close() {
        db.close();
    }
}
