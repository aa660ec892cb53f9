package org.gatepost.hub.store;

import java.time.Instant;

/**
 * A dashboard session as stored: {@code tokenHash} is the SHA-256 (lowercase hex) of the cookie's token, which is
 * never stored itself; {@code role} is the role's wire name; the session ends at {@code expiresAt} unless a request
 * moves it on. Times are kept to the millisecond.
 */
public record StoredSession(
        String tokenHash,
        String name,
        String role,
        String csrfToken,
        Instant createdAt,
        Instant lastSeen,
        Instant expiresAt) {}
