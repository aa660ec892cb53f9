package org.gatepost.hub.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.gatepost.hub.store.SessionStore;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.store.StoredSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in sessions, in the hub's database ({@link SessionStore}), so every hub on it knows them and a hub
 * restart signs nobody out. Only the SHA-256 of a session token is stored, never the token.
 *
 * <p>A session ends after {@code idleTimeout} without a request that {@linkplain #find touches} it, at logout, or
 * when its account's password changes. To keep writes low a touch is written only once {@link #touchEvery()} has
 * passed since the stored one, so a session may end up to that much before {@code idleTimeout} after its last
 * request. Expired rows are deleted when found and whenever a session is opened. A touch or a deletion of an
 * expired row that the store refuses (a full disk) is skipped, so a store that can be read keeps serving signed-in
 * pages; a lookup that cannot read throws. Time comes from the injected clock (kept to the millisecond). Thread
 * safe; blocking (each call reads or writes the database).
 */
public final class Sessions {
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    private static final int TOKEN_BYTES = 32;
    /** The longest a touch waits to be written; less for short timeouts (a tenth of the timeout). */
    public static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final SessionStore store;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration touchEvery;
    private final SecureRandom random = new SecureRandom();

    public Sessions(SessionStore store, Clock clock, Duration idleTimeout) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, got " + idleTimeout);
        }
        this.store = store;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        Duration tenth = idleTimeout.dividedBy(10);
        this.touchEvery = tenth.compareTo(TOUCH_EVERY) < 0 ? tenth : TOUCH_EVERY;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long after the stored last-seen time a touch is written. */
    public Duration touchEvery() {
        return touchEvery;
    }

    /** Starts a session with fresh tokens (never reusing one the browser sent: no session fixation). */
    public Session open(String name, Role role) throws StoreException {
        Instant now = now();
        store.deleteExpired(now);
        String token = newToken();
        Session s = new Session(token, newToken(), name, role, now, now);
        store.create(
                new StoredSession(hash(token), name, role.wireName(), s.csrfToken(), now, now, now.plus(idleTimeout)));
        return s;
    }

    /**
     * The live session for a cookie value, or empty (unknown, ended or idle too long; an idle one is deleted).
     * {@code touch} restarts the idle timer: true for requests a person makes, false for the live event
     * stream, which would otherwise keep an unattended page signed in forever.
     */
    public Optional<Session> find(String token, boolean touch) throws StoreException {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = hash(token);
        Optional<StoredSession> stored = store.find(hash);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        StoredSession row = stored.get();
        Optional<Role> role = Role.parse(row.role());
        Instant now = now();
        if (!now.isBefore(row.expiresAt()) || role.isEmpty()) {
            try {
                store.deleteIfExpired(hash, now);
            } catch (StoreException e) {
                log.debug("event=expired-session-not-deleted reason={}", e.getMessage());
            }
            return Optional.empty();
        }
        Instant lastSeen = row.lastSeen();
        if (touch && !now.isBefore(lastSeen.plus(touchEvery))) {
            try {
                store.touch(hash, now, now.plus(idleTimeout));
                lastSeen = now;
            } catch (StoreException e) {
                // A store that reads but cannot write (a full disk) still serves signed-in pages; the next request
                // tries the touch again.
                log.debug("event=session-touch-not-written user={} reason={}", row.name(), e.getMessage());
            }
        }
        return Optional.of(new Session(token, row.csrfToken(), row.name(), role.get(), row.createdAt(), lastSeen));
    }

    public void close(String token) throws StoreException {
        store.delete(hash(token));
    }

    /** Ends every session of {@code name} except the one with token {@code keep} (may be null). */
    public void closeAllOf(String name, String keep) throws StoreException {
        store.deleteAllOf(name, Optional.ofNullable(keep).map(Sessions::hash));
    }

    /** Sessions stored, expired ones not yet deleted included. */
    public long count() throws StoreException {
        return store.count();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String newToken() {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The SHA-256 of a token, lowercase hex: what the database keeps instead of the token. */
    static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
