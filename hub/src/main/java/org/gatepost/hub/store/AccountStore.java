package org.gatepost.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Dashboard accounts and the audit log. Each write is one transaction together with its audit record: when a
 * method returns, both are committed; when it throws, neither is. Safe for concurrent use; blocking (SQLite).
 */
public interface AccountStore {

    Optional<Account> account(String name) throws StoreException;

    /** All accounts by name. */
    List<Account> accounts() throws StoreException;

    long accountCount() throws StoreException;

    void create(Account account, AuditRecord audit) throws StoreException, DuplicateAccountException;

    /** Replaces the password hash of an existing account; returns quietly when there is none. */
    void changePassword(String name, String passwordHash, Instant at, AuditRecord audit) throws StoreException;

    void audit(AuditRecord record) throws StoreException;

    /** Newest first; {@code actor} and {@code action} filter when present; {@code limit} ≥ 1. */
    List<AuditRecord> auditLog(Optional<String> actor, Optional<String> action, int limit) throws StoreException;
}
