package org.gatepost.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Visitor passes and the hub's signing keys (tables {@code pass_keys}, {@code passes}, {@code pass_uses},
 * migration V8), shared by every hub on the database. Thread safe; calls block on the database.
 */
public interface PassStore {
    /** A signing key: its id, and the X.509 (public) and PKCS#8 (private) encodings, base64. */
    record SigningKey(String id, String publicKey, String privateKey, Instant createdAt) {}

    /**
     * The newest signing key; when there is none, stores {@code candidate} and returns it. Two hubs starting at
     * once on one database both end up with the same key (the first insert wins).
     */
    SigningKey signingKey(SigningKey candidate) throws StoreException;

    /** Every signing key, oldest first (their public keys go to the gates). */
    List<SigningKey> keys() throws StoreException;

    /** Stores a new pass ({@code uses} 0, not revoked) and {@code audit}, in one transaction. */
    void issue(StoredPass pass, AuditRecord audit) throws StoreException;

    /**
     * Marks the pass revoked and writes {@code audit}, in one transaction; false (and nothing written) when there
     * is no such pass or it is revoked already.
     */
    boolean revoke(String id, Instant at, String by, AuditRecord audit) throws StoreException;

    Optional<StoredPass> find(String id) throws StoreException;

    /** Passes newest first; {@code limit} ≥ 1. */
    List<StoredPass> recent(int limit) throws StoreException;

    /** Ids of revoked passes whose validity has not ended at {@code now}. */
    List<String> revokedValid(Instant now) throws StoreException;

    /** Ids of one-use passes with at least one use whose validity has not ended at {@code now}. */
    List<String> usedValid(Instant now) throws StoreException;
}
