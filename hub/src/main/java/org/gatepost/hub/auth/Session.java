package org.gatepost.hub.auth;

import java.time.Instant;

/**
 * A signed-in browser. {@code token} is the session cookie's value and {@code csrfToken} the value the page
 * must send in the {@code X-CSRF-Token} header of every state-changing request; both are 256-bit random.
 * Thread safe: only {@link #lastSeen()} changes.
 */
public final class Session {
    private final String token;
    private final String csrfToken;
    private final String name;
    private final Role role;
    private final Instant createdAt;
    private volatile Instant lastSeen;

    Session(String token, String csrfToken, String name, Role role, Instant createdAt) {
        this.token = token;
        this.csrfToken = csrfToken;
        this.name = name;
        this.role = role;
        this.createdAt = createdAt;
        this.lastSeen = createdAt;
    }

    public String token() {
        return token;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }

    @Override
    public String toString() {
        return "Session[name=" + name + ", role=" + role.wireName() + ", createdAt=" + createdAt + "]";
    }
}
