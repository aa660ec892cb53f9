package org.gatepost.hub.auth;

import java.time.Instant;

/**
 * A signed-in browser, as one request sees it. {@code token} is the session cookie's value and {@code csrfToken}
 * the value the page must send in the {@code X-CSRF-Token} header of every state-changing request; both are
 * 256-bit random. {@code lastSeen} is when a hub last restarted the idle timer (it lags requests by up to
 * {@link Sessions#touchEvery()}). Immutable.
 */
public final class Session {
    private final String token;
    private final String csrfToken;
    private final String name;
    private final Role role;
    private final Instant createdAt;
    private final Instant lastSeen;

    Session(String token, String csrfToken, String name, Role role, Instant createdAt, Instant lastSeen) {
        this.token = token;
        this.csrfToken = csrfToken;
        this.name = name;
        this.role = role;
        this.createdAt = createdAt;
        this.lastSeen = lastSeen;
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

    @Override
    public String toString() {
        return "Session[name=" + name + ", role=" + role.wireName() + ", createdAt=" + createdAt + "]";
    }
}
