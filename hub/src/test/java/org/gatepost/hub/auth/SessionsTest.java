package org.gatepost.hub.auth;

import org.gatepost.hub.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionsTest {
    private static final Duration IDLE = Duration.ofHours(8);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private final Sessions sessions = new Sessions(clock, IDLE);

    @Test
    void opensSessionsWithDistinctRandomTokensAndCsrfTokens() {
        Session a = sessions.open("admin", Role.OPERATOR);
        Session b = sessions.open("admin", Role.OPERATOR);

        assertNotEquals(a.token(), b.token());
        assertNotEquals(a.token(), a.csrfToken());
        assertTrue(a.token().matches("[A-Za-z0-9_-]{43}"), a.token());
        assertEquals(a, sessions.find(a.token(), true).orElseThrow());
        assertTrue(sessions.find("nope", true).isEmpty());
        assertTrue(sessions.find(null, true).isEmpty());
        assertTrue(!a.toString().contains(a.token()), "tokens stay out of logs");
    }

    @Test
    void endsASessionIdleForTheTimeoutUnlessTouched() {
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
    void closesOneSessionOrAllOfAnAccountExceptTheOneKept() {
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
    void refusesANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new Sessions(clock, Duration.ZERO));
    }
}
