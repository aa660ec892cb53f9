package org.gatepost.hub.store;

import java.time.Instant;

/**
 * A dashboard account. {@code role} is the role's wire name ({@code operator}, {@code observer}); the store
 * does not interpret it. {@code passwordHash} is a bcrypt hash and is left out of {@link #toString()}.
 */
public record Account(String name, String role, String passwordHash, Instant createdAt, Instant passwordChangedAt) {
    @Override
    public String toString() {
        return "Account[name=" + name + ", role=" + role + ", createdAt=" + createdAt + "]";
    }
}
