package org.gatepost.hub.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Password hashing with bcrypt (the only class that touches {@code at.favre.lib:bcrypt}) and the password
 * rules. Hashing and checking take about a quarter of a second at {@link #COST} on a small server: call them
 * off latency-sensitive threads. Thread safe.
 */
public final class Passwords {
    /** bcrypt cost (log2 rounds). */
    public static final int COST = 12;

    public static final int MIN_LENGTH = 8;
    /** bcrypt reads at most 72 bytes; a longer password would be silently truncated, so it is refused. */
    public static final int MAX_BYTES = 72;

    private final int cost;

    public Passwords() {
        this(COST);
    }

    /** A different cost, at least 10 (the floor for accounts that guard personal data). */
    public Passwords(int cost) {
        if (cost < 10 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be 10..31, got " + cost);
        }
        this.cost = cost;
    }

    /** Why {@code password} is not acceptable, or empty when it is. */
    public static Optional<String> problem(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
        return Optional.empty();
    }

    /** A new salted hash ({@code $2a$12$...}). The password must pass {@link #problem}. */
    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /** True when {@code password} matches {@code hash}; false for a malformed hash too. */
    public boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        try {
            return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    int cost() {
        return cost;
    }
}
