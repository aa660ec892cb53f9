package org.gatepost.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatepost.hub.store.SessionStore;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.store.StoredSession;
import org.gatepost.hub.testing.MutableClock;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions in the database, on each backend. "Another hub" is a second {@link Storage} opened on the same
 * database, with its own {@link Sessions}: what one hub opens or ends, the other sees.
 */
class SessionsTest extends OnEachBackend {
    private static final Duration IDLE = Duration.ofHours(8);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private Storage storage;
    private Sessions sessions;

    @BeforeEach
    void open() throws Exception {
        storage = databases.open(backend);
        sessions = new Sessions(storage.sessions(), clock, IDLE);
    }

    /** The same database through a second store, as another hub (or this one after a restart) opens it. */
    private Sessions anotherHub() throws Exception {
        return new Sessions(databases.open(backend).sessions(), clock, IDLE);
    }

    @Test
    void opensSessionsWithDistinctRandomTokensAndCsrfTokens() throws Exception {
        Session a = sessions.open("admin", Role.OPERATOR);
        Session b = sessions.open("admin", Role.OPERATOR);

        assertNotEquals(a.token(), b.token());
        assertNotEquals(a.token(), a.csrfToken());
        assertTrue(a.token().matches("[A-Za-z0-9_-]{43}"), a.token());
        Session found = sessions.find(a.token(), true).orElseThrow();
        assertEquals(
                List.of(a.token(), a.csrfToken(), "admin", Role.OPERATOR, a.createdAt()),
                List.of(found.token(), found.csrfToken(), found.name(), found.role(), found.createdAt()));
        assertTrue(sessions.find("nope", true).isEmpty());
        assertTrue(sessions.find(null, true).isEmpty());
        assertTrue(!a.toString().contains(a.token()), "tokens stay out of logs");
    }

    @Test
    void storesOnlyTheHashOfTheToken() throws Exception {
        Session a = sessions.open("admin", Role.OPERATOR);

        var stored = storage.sessions().find(Sessions.hash(a.token())).orElseThrow();
        assertTrue(stored.tokenHash().matches("[0-9a-f]{64}"), stored.tokenHash());
        assertFalse(stored.toString().contains(a.token()), "the token itself is not stored");
        assertTrue(storage.sessions().find(a.token()).isEmpty(), "nothing is keyed by the token itself");
        assertEquals(a.csrfToken(), stored.csrfToken());
    }

    @Test
    void endsASessionIdleForTheTimeoutUnlessTouched() throws Exception {
        Session s = sessions.open("admin", Role.OPERATOR);

        clock.advance(IDLE.minusMillis(1));
        assertTrue(sessions.find(s.token(), true).isPresent());
        clock.advance(IDLE.minusMillis(1));
        assertTrue(sessions.find(s.token(), false).isPresent(), "the touch above restarted the timer");
        clock.advance(Duration.ofMillis(2));
        assertTrue(sessions.find(s.token(), true).isEmpty(), "a look without touch did not");
        assertEquals(0, sessions.count(), "removed once found idle");
    }

    @Test
    void writesATouchOnlyOnceTheTouchIntervalHasPassed() throws Exception {
        Session s = sessions.open("admin", Role.OPERATOR);
        String hash = Sessions.hash(s.token());

        clock.advance(Sessions.TOUCH_EVERY.minusMillis(1));
        sessions.find(s.token(), true);
        assertEquals(s.createdAt(), storage.sessions().find(hash).orElseThrow().lastSeen(), "too soon: not written");
        clock.advance(Duration.ofMillis(1));
        sessions.find(s.token(), true);
        assertEquals(
                clock.instant(), storage.sessions().find(hash).orElseThrow().lastSeen());
        assertEquals(
                clock.instant().plus(IDLE),
                storage.sessions().find(hash).orElseThrow().expiresAt());
    }

    @Test
    void aShortTimeoutIsTouchedAtLeastEveryTenthOfIt() {
        Sessions short_ = new Sessions(storage.sessions(), clock, Duration.ofMinutes(1));

        assertEquals(Duration.ofSeconds(6), short_.touchEvery());
        assertEquals(Sessions.TOUCH_EVERY, sessions.touchEvery());
    }

    @Test
    void aTouchTheStoreRefusesIsSkippedAndTheSessionStillServes() throws Exception {
        SessionStore real = storage.sessions();
        SessionStore readOnly = new SessionStore() {
            @Override
            public void create(StoredSession session) throws StoreException {
                real.create(session);
            }

            @Override
            public Optional<StoredSession> find(String tokenHash) throws StoreException {
                return real.find(tokenHash);
            }

            @Override
            public void touch(String tokenHash, Instant lastSeen, Instant expiresAt) throws StoreException {
                throw new StoreException("disk full");
            }

            @Override
            public void delete(String tokenHash) throws StoreException {
                real.delete(tokenHash);
            }

            @Override
            public boolean deleteIfExpired(String tokenHash, Instant now) throws StoreException {
                throw new StoreException("disk full");
            }

            @Override
            public int deleteAllOf(String name, Optional<String> keepHash) throws StoreException {
                return real.deleteAllOf(name, keepHash);
            }

            @Override
            public int deleteExpired(Instant now) throws StoreException {
                return real.deleteExpired(now);
            }

            @Override
            public long count() throws StoreException {
                return real.count();
            }
        };
        Sessions full = new Sessions(readOnly, clock, IDLE);
        Session s = full.open("admin", Role.OPERATOR);

        clock.advance(Duration.ofMinutes(1));
        assertEquals(s.createdAt(), full.find(s.token(), true).orElseThrow().lastSeen(), "served, touch not written");
        clock.advance(IDLE);
        assertTrue(full.find(s.token(), true).isEmpty(), "expired all the same, though not deleted");
    }

    @Test
    void closesOneSessionOrAllOfAnAccountExceptTheOneKept() throws Exception {
        Session here = sessions.open("li", Role.OBSERVER);
        Session there = sessions.open("li", Role.OBSERVER);
        Session other = sessions.open("wang", Role.OPERATOR);

        sessions.closeAllOf("li", here.token());

        assertTrue(sessions.find(here.token(), false).isPresent());
        assertTrue(sessions.find(there.token(), false).isEmpty());
        assertTrue(sessions.find(other.token(), false).isPresent());
        sessions.close(here.token());
        assertTrue(sessions.find(here.token(), false).isEmpty());
    }

    @Test
    void aSessionOpenedOnOneHubIsLiveOnAnotherAndEndsOnBothWhenEitherClosesIt() throws Exception {
        Sessions other = anotherHub();
        Session s = sessions.open("li", Role.OBSERVER);

        Session there = other.find(s.token(), true).orElseThrow();
        assertEquals(s.csrfToken(), there.csrfToken(), "the CSRF token travels with the session");
        assertEquals(Role.OBSERVER, there.role());
        other.close(s.token());
        assertTrue(sessions.find(s.token(), false).isEmpty(), "logged out on the other hub: ended here too");
    }

    @Test
    void aTouchOnOneHubKeepsTheSessionAliveOnAnother() throws Exception {
        Sessions other = anotherHub();
        Session s = sessions.open("li", Role.OBSERVER);

        clock.advance(IDLE.minusMinutes(1));
        assertTrue(other.find(s.token(), true).isPresent());
        clock.advance(Duration.ofMinutes(2));
        assertTrue(sessions.find(s.token(), false).isPresent(), "the other hub's request restarted the timer");
    }

    @Test
    void aPasswordChangeOnOneHubEndsTheAccountsOtherSessionsOnEvery() throws Exception {
        Sessions other = anotherHub();
        Session kept = sessions.open("li", Role.OBSERVER);
        Session elsewhere = other.open("li", Role.OBSERVER);
        Session someoneElse = other.open("wang", Role.OPERATOR);

        sessions.closeAllOf("li", kept.token());

        assertTrue(other.find(kept.token(), false).isPresent());
        assertTrue(other.find(elsewhere.token(), false).isEmpty());
        assertTrue(other.find(someoneElse.token(), false).isPresent());
    }

    @Test
    void aSessionSurvivesReopeningTheStore() throws Exception {
        Session s = sessions.open("admin", Role.OPERATOR);
        storage.close();

        Sessions afterRestart = anotherHub();
        assertEquals("admin", afterRestart.find(s.token(), true).orElseThrow().name());
    }

    @Test
    void openingASessionDeletesExpiredOnes() throws Exception {
        sessions.open("li", Role.OBSERVER);
        sessions.open("wang", Role.OPERATOR);
        clock.advance(IDLE);

        sessions.open("admin", Role.OPERATOR);

        assertEquals(1, sessions.count());
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new Sessions(storage.sessions(), clock, Duration.ZERO));
    }
}
