package org.gatepost.hub.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.gatepost.hub.auth.Role;
import org.gatepost.hub.auth.Session;
import org.gatepost.hub.auth.Sessions;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what, checked before every handler and static file: a live session for everything but the login
 * page, its assets and the health probe; the session's CSRF token in {@value #CSRF_HEADER} on every request
 * that is not GET/HEAD/OPTIONS; the operator role on routes marked {@link Access#OPERATOR}. Sessions and their
 * CSRF tokens live in the database, so a page loaded from one hub may send its requests to another. Thread safe.
 */
final class AuthFilter {
    private static final Logger log = LoggerFactory.getLogger(AuthFilter.class);
    static final String COOKIE = "gatepost_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String EVENTS_PATH = "/api/events";
    /**
     * Reachable without a session: the login page and what it loads (its script, the texts and the language
     * switch), the login call, the health probe, and the metrics (which check their own bearer token,
     * {@link MetricsRoute}).
     */
    static final Set<String> PUBLIC = Set.of(
            "/login",
            "/login.js",
            "/i18n.js",
            "/style.css",
            MessageRoutes.PATH,
            "/api/login",
            "/api/health",
            MetricsRoute.PATH);

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String SESSION_ATTR = "gatepost.session";

    private final Sessions sessions;

    AuthFilter(Sessions sessions) {
        this.sessions = sessions;
    }

    /** Javalin {@code before}: finds the session (the event stream does not count as activity), checks CSRF. */
    void before(Context ctx) throws NotSignedInException, ApiException, StoreException {
        if (PUBLIC.contains(ctx.path())) {
            return;
        }
        Session s = sessions.find(ctx.cookie(COOKIE), !EVENTS_PATH.equals(ctx.path()))
                .orElseThrow(NotSignedInException::new);
        if (!SAFE_METHODS.contains(ctx.method().name())) {
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null
                    || !MessageDigest.isEqual(
                            sent.getBytes(StandardCharsets.UTF_8), s.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(
                        403,
                        "missing or wrong CSRF token (send " + CSRF_HEADER
                                + " with the csrf_token of GET /api/session)");
            }
        }
        ctx.attribute(SESSION_ATTR, s);
    }

    /** Javalin {@code beforeMatched}: the role a route demands. */
    void roles(Context ctx) throws ApiException {
        if (ctx.routeRoles().contains(Access.OPERATOR) && session(ctx).role() != Role.OPERATOR) {
            throw new ApiException(403, "operators only: this account may look but not change anything");
        }
    }

    /** The session {@link #before} found; only for routes that are not {@link #PUBLIC}. */
    static Session session(Context ctx) {
        Session s = ctx.attribute(SESSION_ATTR);
        if (s == null) {
            throw new IllegalStateException("no session on a protected route: " + ctx.path());
        }
        return s;
    }

    /**
     * The session of a request to a public path, if it has one; does not count as activity. Empty when the store
     * cannot be read (the health probe must answer then, and a login page needs no session).
     */
    Optional<Session> optional(Context ctx) {
        try {
            return sessions.find(ctx.cookie(COOKIE), false);
        } catch (StoreException e) {
            log.debug("event=session-not-read path={} reason={}", ctx.path(), e.getMessage());
            return Optional.empty();
        }
    }
}
