package org.gatepost.hub.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signed-in sessions, in memory (a hub restart signs everyone out). A session ends after
 * {@code idleTimeout} without a request that {@linkplain #find touches} it, at logout, or when its account's
 * password changes. Time comes from the injected clock. Thread safe; never blocks.
 */
public final class Sessions {
    private static final int TOKEN_BYTES = 32;

    private final Clock clock;
    private final Duration idleTimeout;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();

    public Sessions(Clock clock, Duration idleTimeout) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, got " + idleTimeout);
        }
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Starts a session with fresh tokens (never reusing one the browser sent: no session fixation). */
    public Session open(String name, Role role) {
        Instant now = clock.instant();
        byToken.values().removeIf(s -> expired(s, now));
        Session s = new Session(newToken(), newToken(), name, role, now);
        byToken.put(s.token(), s);
        return s;
    }

    /**
     * The live session for a cookie value, or empty (unknown, ended or idle too long; an idle one is removed).
     * {@code touch} restarts the idle timer: true for requests a person makes, false for the live event
     * stream, which would otherwise keep an unattended page signed in forever.
     */
    public Optional<Session> find(String token, boolean touch) {
        if (token == null) {
            return Optional.empty();
        }
        Session s = byToken.get(token);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            byToken.remove(token, s);
            return Optional.empty();
        }
        if (touch) {
            s.touch(now);
        }
        return Optional.of(s);
    }

    public void close(String token) {
        byToken.remove(token);
    }

    /** Ends every session of {@code name} except the one with token {@code keep} (may be null). */
    public void closeAllOf(String name, String keep) {
        byToken.values().removeIf(s -> s.name().equals(name) && !s.token().equals(keep));
    }

    public int count() {
        return byToken.size();
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(idleTimeout));
    }

    private String newToken() {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
