package org.gatepost.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void hashesWithBcryptAtCostTwelveAndASaltPerHash() {
        Passwords p = new Passwords();

        String a = p.hash("correct horse battery");
        String b = p.hash("correct horse battery");

        assertTrue(a.startsWith("$2a$12$"), a);
        assertEquals(60, a.length());
        assertNotEquals(a, b, "salted");
        assertTrue(p.matches("correct horse battery", a));
        assertTrue(p.matches("correct horse battery", b));
        assertFalse(p.matches("correct horse batterY", a));
    }

    @Test
    void refusesNoMatchForMissingOrMalformedInput() {
        Passwords p = new Passwords(10);

        assertFalse(p.matches(null, p.hash("whatever-1")));
        assertFalse(p.matches("whatever-1", null));
        assertFalse(p.matches("whatever-1", "not a bcrypt hash"));
    }

    @Test
    void namesWhatIsWrongWithAPassword() {
        assertEquals("must be at least 8 characters", Passwords.problem("short").orElseThrow());
        assertEquals("must be at least 8 characters", Passwords.problem(null).orElseThrow());
        assertTrue(Passwords.problem("eight ch").isEmpty());
        assertTrue(Passwords.problem("口令口令口令口令").isEmpty(), "8 characters, 24 bytes");
        assertTrue(Passwords.problem("x".repeat(72)).isEmpty());
        assertEquals(
                "must be at most 72 bytes in UTF-8",
                Passwords.problem("x".repeat(73)).orElseThrow(),
                "bcrypt would silently ignore the rest");
    }

    @Test
    void refusesACostBelowTen() {
        assertThrows(IllegalArgumentException.class, () -> new Passwords(9));
    }
}
