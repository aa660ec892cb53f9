package org.gatepost.hub.auth;

/** The {@code action} values of the audit log ({@code docs/api.md}, {@code GET /api/audit}). */
public final class AuditActions {
    public static final String LOGIN = "login";
    public static final String LOGIN_FAILED = "login-failed";
    public static final String LOGOUT = "logout";
    public static final String ACCOUNT_CREATE = "account-create";
    public static final String PASSWORD_CHANGE = "password-change";
    public static final String ALERT_ACKNOWLEDGE = "alert-acknowledge";
    public static final String ALERT_RESOLVE = "alert-resolve";

    private AuditActions() {
    }
}
