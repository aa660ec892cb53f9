package org.gatepost.hub.auth;

/** The {@code action} values of the audit log ({@code docs/api.md}, {@code GET /api/audit}). */
public final class AuditActions {
    public static final String LOGIN = "login";
    public static final String LOGIN_FAILED = "login-failed";
    public static final String LOGOUT = "logout";
    public static final String ACCOUNT_CREATE = "account-create";
    public static final String PASSWORD_CHANGE = "password-change";
    /** The {@code reset-password} command gave an account a new generated password; actor {@code hub}. */
    public static final String PASSWORD_RESET = "password-reset";

    public static final String ALERT_ACKNOWLEDGE = "alert-acknowledge";
    public static final String ALERT_RESOLVE = "alert-resolve";
    /** A CSV import of a list (applied, dry run or refused); target is the list, detail the counts. */
    public static final String LIST_IMPORT = "list-import";
    /** A policy change; detail is the new policy as JSON. */
    public static final String POLICY_CHANGE = "policy-change";
    /** The hub moved a stored list to hash scheme v2 at start; actor {@code hub}, detail the item count. */
    public static final String HASH_UPGRADE = "hash-upgrade";

    /**
     * Tracing ({@code POST /api/trace/gate}): target {@code gate <id>}; detail the time range, the number of entries
     * found ({@code results=}) and the operator's reason.
     */
    public static final String TRACE_GATE = "trace-gate";
    /**
     * Tracing ({@code POST /api/trace/person}): target {@code masked <part>} or {@code name <name>} (and
     * {@code household <h>}), never a full number or a hash; detail as {@link #TRACE_GATE}, with
     * {@code residents=} the residents the name matched.
     */
    public static final String TRACE_PERSON = "trace-person";
    /** A trace downloaded as CSV; target {@code gate-trace …} or {@code person-trace …}, detail as the query's. */
    public static final String TRACE_EXPORT = "trace-export";

    /** A visitor pass issued: target {@code pass <id>}; detail the host household, validity and uses (no name or phone). */
    public static final String PASS_ISSUE = "pass-issue";
    /** A visitor pass revoked: target {@code pass <id>}. */
    public static final String PASS_REVOKE = "pass-revoke";
    /** The {@code passes} list for the gates changed (a revocation, a first use, a new key); detail the counts. */
    public static final String PASS_LIST = "pass-list";

    /**
     * The end-of-emergency purge (docs/security.md): target the purge id, detail the counts deleted at the hub, never
     * personal data; actor the operator, or {@code purge-command} for the CLI. Written by the store's purge.
     */
    public static final String PURGE = "purge";

    private AuditActions() {}
}
