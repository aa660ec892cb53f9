package org.gatepost.hub.lists;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.ack.RetainedPublisher;
import org.gatepost.hub.auth.AuditActions;
import org.gatepost.hub.store.AuditRecord;
import org.gatepost.hub.store.ListStore;
import org.gatepost.hub.store.ListVersion;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.store.StoredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lists for the gates, as operators change them: CSV imports of residents, home quarantine, blocked households
 * and badges (the valid rows
 * <em>replace</em> the list as its next version), the policy, and the publisher that sends each change to the
 * gates. Every change is audited in the same transaction. Thread safe; calls block on the database.
 */
public final class Lists implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lists.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ListStore store;
    private final ResidentImport residents;
    private final QuarantineImport quarantine;
    private final BlockedImport blocked;
    private final BadgeImport badges;
    /** Badge hash to name of the current badges list; null until read or after an import replaced it. */
    private volatile Map<String, String> badgeNames;
    /** v1 badge hashes of entries made before the gates had v2 lists, to their v2 hashes (at most 1,024). */
    private final Map<String, String> upgradedBadges = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 1_024;
        }
    };

    private final ListPublisher publisher;
    private final Clock clock;

    private Lists(ListStore store, CredentialHasher hasher, ListPublisher publisher, Clock clock) {
        this.store = store;
        this.residents = new ResidentImport(hasher);
        this.quarantine = new QuarantineImport(hasher, clock);
        this.blocked = new BlockedImport();
        this.badges = new BadgeImport(hasher);
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Creates version 1 of every list that has none (empty; the policy {@link Policy#DEFAULT}). Call
     * {@link #start} once MQTT is set up to publish.
     */
    public static Lists open(ListStore store, String communitySecret, RetainedPublisher mqtt, Clock clock)
            throws StoreException {
        Instant now = clock.instant();
        for (ListKind k : ListKind.values()) {
            if (k == ListKind.POLICY) {
                store.ensure(k.wire(), List.of(PolicyJson.write(Policy.DEFAULT).toString()), List.of(""), now);
            } else {
                store.ensure(k.wire(), List.of(), List.of(), now);
            }
        }
        for (ListKind k : List.of(ListKind.RESIDENTS, ListKind.QUARANTINE, ListKind.BADGES)) {
            upgradeStored(store, k, clock);
        }
        ListPublisher publisher =
                new ListPublisher(store, mqtt, clock, ListPublisher.DEFAULT_RETRY_MIN, ListPublisher.DEFAULT_RETRY_MAX);
        return new Lists(store, new CredentialHasher(communitySecret), publisher, clock);
    }

    /**
     * Moves a list stored under hash scheme v1 (a hub before v2) to v2 as its next version, without the numbers:
     * each hash is upgraded from its v1 value and each masked ID number shortened ({@link HashUpgrade}). Blocks
     * for the Argon2id work: about 200,000 residents a few minutes on two CPUs ({@code docs/hub.md}).
     */
    private static void upgradeStored(ListStore store, ListKind kind, Clock clock) throws StoreException {
        Optional<StoredList> s = store.current(kind.wire());
        if (s.isEmpty()) {
            return;
        }
        List<ObjectNode> items = new ArrayList<>();
        for (String item : s.get().items()) {
            try {
                items.add((ObjectNode) MAPPER.readTree(item));
            } catch (JsonProcessingException | ClassCastException e) {
                throw new StoreException("stored list item unreadable: " + e.getMessage(), e);
            }
        }
        if (!HashUpgrade.needed(items)) {
            return;
        }
        long started = System.nanoTime();
        log.info(
                "event=hash-upgrade-started list={} items={} threads={}",
                kind.wire(),
                items.size(),
                HashUpgrade.threads());
        HashUpgrade.apply(items);
        Instant now = clock.instant();
        ListVersion v = replace(
                store,
                kind,
                items,
                AuditRecord.of(
                        now,
                        "hub",
                        AuditActions.HASH_UPGRADE,
                        kind.wire(),
                        "hash scheme v1 to v2: " + items.size() + " items",
                        null));
        log.info(
                "event=hash-upgrade-done list={} version={} items={} ms={}",
                kind.wire(),
                v.version(),
                v.items(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Publishes every list now (in the background) and every change from now on. */
    public void start() {
        publisher.start();
    }

    public ListPublisher publisher() {
        return publisher;
    }

    /**
     * Reads a CSV file of {@code residents}, {@code quarantine}, {@code blocked} or {@code badges} and, unless {@code dryRun}, replaces the list
     * with its valid rows. Nothing is applied when the header is unusable or the file has rows but none is valid.
     *
     * <p>Two passes over the file, neither holding its rows: the first checks every row and counts; the second,
     * only when the list is replaced, reads the rows again inside the store's transaction and writes each item as
     * it comes. Memory stays near the file's own size whatever its length (issue #13: a 32 MB file under a 256 MB
     * heap). The transaction blocks ingest while the second pass runs (about a second per 50,000 rows).
     *
     * @throws ImportException when the file is not CSV text at all
     */
    public ImportOutcome importCsv(
            ListKind kind, byte[] file, Optional<String> encoding, boolean dryRun, String actor, String remote)
            throws ImportException, StoreException {
        Instant now = clock.instant();
        ImportHashes hashes = new ImportHashes();
        ImportReport report = read(kind, file, encoding, now, hashes::collect);
        boolean usable = report.headerOk() && (report.rows() == 0 || report.valid() > 0);
        String summary = report.valid() + " of " + report.rows() + " rows valid, " + report.errorsTotal() + " errors, "
                + report.encoding();
        if (dryRun || !usable) {
            store.audit(AuditRecord.of(
                    now,
                    actor,
                    AuditActions.LIST_IMPORT,
                    kind.wire(),
                    (dryRun ? "dry run: " : "not applied: ") + summary,
                    remote));
            log.info(
                    "event=list-import-not-applied list={} dryRun={} rows={} valid={} errors={} user={}",
                    kind.wire(),
                    dryRun,
                    report.rows(),
                    report.valid(),
                    report.errorsTotal(),
                    actor);
            return new ImportOutcome(report, dryRun, Optional.empty());
        }
        long hashing = System.nanoTime();
        hashes.compute();
        long writing = System.nanoTime();
        int[] position = {0};
        ListVersion v = store.replace(
                kind.wire(),
                sink -> {
                    try {
                        ImportReport again = read(kind, file, encoding, now, n -> {
                            hashes.apply(position[0]++, n);
                            sink.add(n.toString(), searchText(n));
                        });
                        if (again.valid() != report.valid()) {
                            throw new IllegalStateException(
                                    "second pass found " + again.valid() + " items, first " + report.valid());
                        }
                    } catch (ImportException e) {
                        throw new IllegalStateException(
                                "the file read once could not be read again: " + e.getMessage(), e);
                    }
                },
                now,
                AuditRecord.of(now, actor, AuditActions.LIST_IMPORT, kind.wire(), "replaced: " + summary, remote));
        if (kind == ListKind.BADGES) {
            badgeNames = null;
        }
        log.info(
                "event=list-imported list={} version={} items={} errors={} user={} hashMs={} writeMs={}",
                kind.wire(),
                v.version(),
                v.items(),
                report.errorsTotal(),
                actor,
                (writing - hashing) / 1_000_000,
                (System.nanoTime() - writing) / 1_000_000);
        publisher.requestPublish();
        return new ImportOutcome(report, false, Optional.of(v));
    }

    private ImportReport read(ListKind kind, byte[] file, Optional<String> encoding, Instant now, ItemSink sink)
            throws ImportException, StoreException {
        return switch (kind) {
            case RESIDENTS -> residents.read(file, encoding, sink);
            case QUARANTINE -> quarantine.read(file, encoding, now, sink);
            case BLOCKED -> blocked.read(file, encoding, sink);
            case BADGES -> badges.read(file, encoding, sink);
            default -> throw new ImportException(kind.wire() + " cannot be imported from CSV");
        };
    }

    /**
     * Replaces the {@code blocked} or {@code badges} list with {@code items} (each as in {@code docs/mqtt.md},
     * Items) as its next version and publishes it; audited like an import. For tools and the demo until these
     * lists have an import of their own.
     *
     * @throws IllegalArgumentException for another list, or an item without the fields the gates require
     */
    public ListVersion replaceItems(ListKind kind, List<ObjectNode> items, String actor, String remote)
            throws StoreException {
        List<String> required = switch (kind) {
            case BLOCKED -> List.of("household");
            case BADGES -> List.of("hash", "masked", "name", "role");
            default -> throw new IllegalArgumentException(kind.wire() + " is not replaced item by item");
        };
        List<ObjectNode> upgraded = new ArrayList<>();
        for (ObjectNode n : items) {
            upgraded.add(n.deepCopy());
        }
        HashUpgrade.apply(upgraded);
        for (ObjectNode n : upgraded) {
            for (String f : required) {
                if (!n.hasNonNull(f)
                        || !n.get(f).isTextual()
                        || n.get(f).textValue().isEmpty()) {
                    throw new IllegalArgumentException(kind.wire() + " item without " + f);
                }
            }
        }
        Instant now = clock.instant();
        ListVersion v = replace(
                store,
                kind,
                upgraded,
                AuditRecord.of(
                        now,
                        actor,
                        AuditActions.LIST_IMPORT,
                        kind.wire(),
                        "replaced: " + items.size() + " items",
                        remote));
        log.info("event=list-replaced list={} version={} items={} user={}", kind.wire(), v.version(), v.items(), actor);
        publisher.requestPublish();
        return v;
    }

    /**
     * After the lists were changed in the store directly (the end-of-emergency purge empties them): forgets the
     * badge names held in memory and publishes the new versions. Never blocks.
     */
    public void changedInStore() {
        badgeNames = null;
        synchronized (upgradedBadges) {
            upgradedBadges.clear();
        }
        publisher.requestPublish();
    }

    public List<ListVersion> versions() throws StoreException {
        return store.versions();
    }

    /** Residents whose name, masked ID, building, unit, household or grid contains {@code q}, in list order. */
    public List<ObjectNode> residents(Optional<String> q, int limit) throws StoreException {
        return items(ListKind.RESIDENTS, q, limit);
    }

    public List<ObjectNode> quarantine(Optional<String> q, int limit) throws StoreException {
        return items(ListKind.QUARANTINE, q, limit);
    }

    public List<ObjectNode> blocked(Optional<String> q, int limit) throws StoreException {
        return items(ListKind.BLOCKED, q, limit);
    }

    public List<ObjectNode> badges(Optional<String> q, int limit) throws StoreException {
        return items(ListKind.BADGES, q, limit);
    }

    /**
     * The name of the badge with this hash on the current badges list, or empty. Reads the list once after each
     * badges import; a database failure is logged and gives empty (a name is a nicety, never worth failing for).
     */
    public Optional<String> badgeName(String hash) {
        Map<String, String> names = badgeNames;
        if (names == null) {
            try {
                names = readBadgeNames();
            } catch (StoreException e) {
                log.warn("event=badge-names-unavailable reason={}", e.getMessage());
                return Optional.empty();
            }
            badgeNames = names;
        }
        String name = names.get(hash);
        if (name == null && CredentialHasher.isV1(hash)) {
            name = names.get(v2Of(hash));
        }
        return Optional.ofNullable(name);
    }

    /**
     * The v2 hash of a v1 hash from an entry a gate made before it had v2 lists (during the migration), remembered
     * for the few badges such entries name.
     */
    private String v2Of(String v1) {
        synchronized (upgradedBadges) {
            String v2 = upgradedBadges.get(v1);
            if (v2 == null) {
                v2 = CredentialHasher.upgrade(v1);
                upgradedBadges.put(v1, v2);
            }
            return v2;
        }
    }

    private Map<String, String> readBadgeNames() throws StoreException {
        Map<String, String> out = new HashMap<>();
        Optional<StoredList> s = store.current(ListKind.BADGES.wire());
        if (s.isPresent()) {
            for (String item : s.get().items()) {
                try {
                    var n = MAPPER.readTree(item);
                    out.put(n.path("hash").asText(), n.path("name").asText());
                } catch (JsonProcessingException e) {
                    throw new StoreException("stored badge unreadable: " + e.getMessage(), e);
                }
            }
        }
        return Map.copyOf(out);
    }

    public Policy policy() throws StoreException {
        StoredList s = store.current(ListKind.POLICY.wire()).orElseThrow(() -> new StoreException("no policy"));
        try {
            return PolicyJson.read(MAPPER.readTree(s.items().getFirst()));
        } catch (JsonProcessingException | InvalidPolicyException e) {
            throw new StoreException("stored policy unreadable: " + e.getMessage(), e);
        }
    }

    /** Makes {@code p} the next policy version and publishes it; the audit detail is the new policy. */
    public ListVersion setPolicy(Policy p, String actor, String remote) throws StoreException {
        Instant now = clock.instant();
        String json = PolicyJson.write(p).toString();
        ListVersion v = store.replace(
                ListKind.POLICY.wire(),
                List.of(json),
                List.of(""),
                now,
                AuditRecord.of(now, actor, AuditActions.POLICY_CHANGE, ListKind.POLICY.wire(), json, remote));
        log.info("event=policy-changed version={} user={}", v.version(), actor);
        publisher.requestPublish();
        return v;
    }

    private List<ObjectNode> items(ListKind kind, Optional<String> q, int limit) throws StoreException {
        List<ObjectNode> out = new ArrayList<>();
        for (String s : store.search(kind.wire(), q.map(x -> Columns.clean(x).toLowerCase(Locale.ROOT)), limit)) {
            try {
                out.add((ObjectNode) MAPPER.readTree(s));
            } catch (JsonProcessingException e) {
                throw new StoreException("stored list item unreadable: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Stores {@code items} as the next version of {@code kind}'s list, with its search text, at {@code audit.at()}. */
    private static ListVersion replace(ListStore store, ListKind kind, List<ObjectNode> items, AuditRecord audit)
            throws StoreException {
        List<String> json = new ArrayList<>();
        List<String> search = new ArrayList<>();
        for (ObjectNode n : items) {
            json.add(n.toString());
            search.add(searchText(n));
        }
        return store.replace(kind.wire(), json, search, audit.at(), audit);
    }

    private static String searchText(ObjectNode n) {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("name", "masked", "building", "unit", "household", "grid")) {
            if (n.hasNonNull(f)) {
                b.append(n.get(f).asText()).append('\u001f');
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
