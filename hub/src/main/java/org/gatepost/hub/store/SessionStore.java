package org.gatepost.hub.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The dashboard's sessions, shared by every hub on the database, keyed by the hash of the session token. Each
 * call is one transaction. Safe for concurrent use; blocking.
 */
public interface SessionStore {

    void create(StoredSession session) throws StoreException;

    /** The stored row, expired or not (the caller decides). */
    Optional<StoredSession> find(String tokenHash) throws StoreException;

    /**
     * Moves the session's {@code lastSeen} and {@code expiresAt} on, but never back (another hub may have moved
     * them further); quietly does nothing for a session that is gone.
     */
    void touch(String tokenHash, Instant lastSeen, Instant expiresAt) throws StoreException;

    /** Ends one session; quietly does nothing when there is none. */
    void delete(String tokenHash) throws StoreException;

    /** Deletes the session if it expired at or before {@code now}; true when it did. */
    boolean deleteIfExpired(String tokenHash, Instant now) throws StoreException;

    /** Ends every session of {@code name} except the one with hash {@code keepHash} (empty: all); how many ended. */
    int deleteAllOf(String name, Optional<String> keepHash) throws StoreException;

    /** Deletes every session that expired at or before {@code now}; how many. */
    int deleteExpired(Instant now) throws StoreException;

    /** Stored sessions, expired ones not yet deleted included. */
    long count() throws StoreException;
}
