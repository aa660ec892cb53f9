package org.gatepost.hub.store;

import java.time.Instant;

/**
 * One line of the audit log: who did what to what, and from where.
 *
 * @param id     assigned by the store (increasing); 0 in a record not stored yet
 * @param actor  the account name, or the name typed at a failed login
 * @param action e.g. {@code login}, {@code login-failed}, {@code alert-acknowledge}, {@code account-create}
 * @param target what the action was about ({@code alert 7}, an account name); nullable
 * @param detail short text (a role, a failure reason, a trace's range, count and reason); nullable; never a
 *               password or an alert note's text
 * @param remote the client's address; nullable
 */
public record AuditRecord(
        long id, Instant at, String actor, String action, String target, String detail, String remote) {
    /** A record to be stored (id assigned on insert). */
    public static AuditRecord of(Instant at, String actor, String action, String target, String detail, String remote) {
        return new AuditRecord(0, at, actor, action, target, detail, remote);
    }
}
