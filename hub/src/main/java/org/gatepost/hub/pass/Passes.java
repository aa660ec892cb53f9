package org.gatepost.hub.pass;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.gatepost.hub.auth.AuditActions;
import org.gatepost.hub.contract.EntryRules;
import org.gatepost.hub.contract.InvalidFieldException;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.lists.ListPublisher;
import org.gatepost.hub.store.AuditRecord;
import org.gatepost.hub.store.ListStore;
import org.gatepost.hub.store.ListVersion;
import org.gatepost.hub.store.PassStore;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.store.StoredList;
import org.gatepost.hub.store.StoredPass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Visitor passes ({@code docs/hub.md}, Visitor passes): issued and revoked by operators, signed with the hub's
 * Ed25519 key (kept in the database, so every hub on it signs alike), and the {@code passes} list that carries
 * the public keys and the revoked and used-up one-use passes to the gates. The list is rewritten (as its next
 * version, audited as {@value AuditActions#PASS_LIST} by {@code hub} or the operator) whenever what it should say
 * differs from what it says: at start, after a revocation and after the first use of a one-use pass. Items of
 * passes whose validity has ended are dropped at the next rewrite. Thread safe; calls block on the database.
 */
public final class Passes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Passes.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The longest validity window of a pass. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(31);

    public static final int MAX_NAME = 50;
    public static final int MAX_HOUSEHOLD = 50;
    private static final Pattern PHONE = Pattern.compile("[0-9+][0-9 *-]{2,23}");

    private final PassStore store;
    private final ListStore lists;
    private final ListPublisher publisher;
    private final Clock clock;
    private final PassStore.SigningKey key;
    private final PrivateKey privateKey;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("pass-list").daemon().factory());

    private Passes(PassStore store, ListStore lists, ListPublisher publisher, Clock clock, PassStore.SigningKey key) {
        this.store = store;
        this.lists = lists;
        this.publisher = publisher;
        this.clock = clock;
        this.key = key;
        this.privateKey = PassTokens.privateKey(key);
    }

    /**
     * Reads the signing key (making and storing one on the first start: every hub on the database then uses the
     * oldest key) and brings the {@code passes} list up to date. Call after {@code Lists.open}.
     */
    public static Passes open(PassStore store, ListStore lists, ListPublisher publisher, Clock clock)
            throws StoreException {
        PassStore.SigningKey k = store.signingKey(PassTokens.newKey(clock.instant()));
        Passes p = new Passes(store, lists, publisher, clock, k);
        log.info("event=passes-ready key={}", k.id());
        try {
            p.rewrite("hub", null); // published with every list when the lists start
        } catch (StoreException e) {
            // Another hub on the database wrote the list at the same moment; the next change brings it up to date.
            log.warn("event=pass-list-not-rewritten when=start reason={}", e.getMessage());
        }
        return p;
    }

    /** What an operator asks for. {@code phone} may be the full number: only its masked form is kept. */
    public record Request(String name, String phone, String household, Instant from, Instant to, boolean oneUse) {}

    /** A request the hub refuses; {@code field} names the request field. */
    public static final class InvalidPassException extends InvalidFieldException {
        public InvalidPassException(String field, String message) {
            super(field, message);
        }
    }

    public StoredPass issue(Request r, String actor, String remote) throws InvalidPassException, StoreException {
        String name = Objects.requireNonNullElse(r.name(), "").strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new InvalidPassException("name", "1 to " + MAX_NAME + " characters (a surname is enough)");
        }
        String phone = Objects.requireNonNullElse(r.phone(), "").strip();
        if (!PHONE.matcher(phone).matches()) {
            throw new InvalidPassException(
                    "phone", "a phone number (digits, optional leading +; may be masked with *)");
        }
        String household = Objects.requireNonNullElse(r.household(), "").strip();
        if (household.isEmpty() || household.length() > MAX_HOUSEHOLD) {
            throw new InvalidPassException(
                    "household", "the host household key, 1 to " + MAX_HOUSEHOLD + " characters");
        }
        if (r.from() == null || r.to() == null || !r.from().isBefore(r.to())) {
            throw new InvalidPassException("valid_to", "must be after valid_from");
        }
        if (Duration.between(r.from(), r.to()).compareTo(MAX_VALIDITY) > 0) {
            throw new InvalidPassException("valid_to", "at most " + MAX_VALIDITY.toDays() + " days after valid_from");
        }
        Instant now = clock.instant();
        if (!r.to().isAfter(now)) {
            throw new InvalidPassException("valid_to", "must be in the future");
        }
        String masked = phone.indexOf('*') >= 0
                ? phone
                : EntryRules.maskPhone(phone.replace(" ", "").replace("-", ""));
        byte[] id = new byte[8];
        random.nextBytes(id);
        PassStore.SigningKey signer = store.keys().getFirst(); // the oldest: the same on every hub of the database
        StoredPass p = new StoredPass(
                HexFormat.of().formatHex(id),
                signer.id(),
                name,
                masked,
                household,
                r.from().truncatedTo(ChronoUnit.MILLIS),
                r.to().truncatedTo(ChronoUnit.MILLIS),
                r.oneUse(),
                now,
                actor,
                null,
                null,
                0,
                null);
        store.issue(
                p,
                AuditRecord.of(
                        now,
                        actor,
                        AuditActions.PASS_ISSUE,
                        "pass " + p.id(),
                        "household " + household + ", " + p.usesWire() + " use, valid " + p.validFrom() + " to "
                                + p.validTo(),
                        remote));
        log.info(
                "event=pass-issued pass={} household={} uses={} from={} to={} user={}",
                p.id(),
                household,
                p.usesWire(),
                p.validFrom(),
                p.validTo(),
                actor);
        return p;
    }

    /** Revokes the pass and republishes the list; false when there is no such pass or it is revoked already. */
    public boolean revoke(String id, String actor, String remote) throws StoreException {
        Instant now = clock.instant();
        if (!store.revoke(
                id, now, actor, AuditRecord.of(now, actor, AuditActions.PASS_REVOKE, "pass " + id, null, remote))) {
            return false;
        }
        log.info("event=pass-revoked pass={} user={}", id, actor);
        republish(actor, remote);
        return true;
    }

    public Optional<StoredPass> find(String id) throws StoreException {
        return store.find(id);
    }

    public List<StoredPass> recent(int limit) throws StoreException {
        return store.recent(limit);
    }

    /** The QR text of the pass, signed again with the key that signed it first (the same text every time). */
    public String token(StoredPass p) throws StoreException {
        if (p.keyId().equals(key.id())) {
            return PassTokens.sign(p, privateKey);
        }
        for (PassStore.SigningKey k : store.keys()) {
            if (k.id().equals(p.keyId())) {
                return PassTokens.sign(p, PassTokens.privateKey(k));
            }
        }
        throw new StoreException("pass key " + p.keyId() + " of pass " + p.id() + " is missing");
    }

    /** The id of the key new passes are signed with. */
    public String keyId() {
        return key.id();
    }

    /**
     * An {@code admit-visitor} entry of a one-use pass was stored: the list is rewritten soon, on a background
     * thread (a failure is logged; the next change or start brings the list up to date). Returns at once.
     */
    public void usedSoon(String passId) {
        background.execute(() -> {
            try {
                republish("hub", null);
            } catch (StoreException | RuntimeException e) {
                log.warn("event=pass-list-not-rewritten pass={} reason={}", passId, e.getMessage());
            }
        });
    }

    /** The list's items now: every key, then revoked passes, then used-up one-use passes, valid ones only. */
    List<String> items() throws StoreException {
        Instant now = clock.instant();
        List<String> out = new ArrayList<>();
        for (PassStore.SigningKey k : store.keys()) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("key", k.id());
            n.put("ed25519", k.publicKey());
            out.add(n.toString());
        }
        List<String> revoked = store.revokedValid(now);
        for (String id : revoked) {
            out.add(MAPPER.createObjectNode()
                    .put("pass", id)
                    .put("state", "revoked")
                    .toString());
        }
        var skip = new HashSet<>(revoked);
        for (String id : store.usedValid(now)) {
            if (!skip.contains(id)) {
                out.add(MAPPER.createObjectNode()
                        .put("pass", id)
                        .put("state", "used")
                        .toString());
            }
        }
        return out;
    }

    /** Rewrites the list when its items differ from {@link #items()} and publishes it; returns the new version, or empty. */
    Optional<ListVersion> republish(String actor, String remote) throws StoreException {
        Optional<ListVersion> v = rewrite(actor, remote);
        if (v.isPresent()) {
            publisher.requestPublish();
        }
        return v;
    }

    /** Rewrites the list when its items differ from {@link #items()}, without publishing. */
    private synchronized Optional<ListVersion> rewrite(String actor, String remote) throws StoreException {
        List<String> items = items();
        Optional<StoredList> current = lists.current(ListKind.PASSES.wire());
        if (current.isPresent() && current.get().items().equals(items)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<String> search = items.stream().map(i -> "").toList();
        ListVersion v = lists.replace(
                ListKind.PASSES.wire(),
                items,
                search,
                now,
                AuditRecord.of(
                        now, actor, AuditActions.PASS_LIST, ListKind.PASSES.wire(), items.size() + " items", remote));
        log.info("event=pass-list-changed version={} items={}", v.version(), v.items());
        return Optional.of(v);
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
