package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.gatepost.hub.auth.Accounts;
import org.gatepost.hub.auth.ChecksBusyException;
import org.gatepost.hub.auth.InvalidAccountException;
import org.gatepost.hub.auth.LoginResult;
import org.gatepost.hub.auth.Session;
import org.gatepost.hub.auth.Sessions;
import org.gatepost.hub.store.StoreException;

/**
 * The login page, login, logout, the current session (with its CSRF token) and changing one's own password.
 * Safe on concurrent request threads; login and password changes block for a bcrypt computation.
 */
final class AuthRoutes {
    private static final int NAME_MAX = 64;
    private static final int PASSWORD_MAX = 200;

    private final Accounts accounts;
    private final Sessions sessions;
    private final AuthFilter auth;
    private final byte[] loginPage;

    AuthRoutes(Accounts accounts, Sessions sessions, AuthFilter auth) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.auth = auth;
        this.loginPage = resource("/web/login.html");
    }

    /** {@code GET /login}: the form, or straight to the dashboard when already signed in. */
    void page(Context ctx) {
        if (auth.optional(ctx).isPresent()) {
            ctx.redirect("/");
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(loginPage);
    }

    void login(Context ctx) throws ApiException, StoreException {
        JsonBody body = JsonBody.of(ctx, Set.of("name", "password"));
        String name = body.required("name", NAME_MAX);
        String password = body.required("password", PASSWORD_MAX);
        LoginResult r = accounts.login(name, password, ClientAddress.of(ctx));
        switch (r) {
            case LoginResult.Success ok -> {
                String old = ctx.cookie(AuthFilter.COOKIE);
                if (old != null) {
                    sessions.close(old);
                }
                Session s = sessions.open(ok.account().name(), ok.role());
                ctx.header(
                        "Set-Cookie",
                        AuthFilter.COOKIE + "=" + s.token() + "; Path=/; HttpOnly; SameSite=Strict"
                                + (secure(ctx) ? "; Secure" : ""));
                ApiRoutes.send(ctx, 200, sessionBody(s));
            }
            case LoginResult.Refused no -> throw new ApiException(401, "wrong name or password");
            case LoginResult.Throttled t -> {
                long seconds = Math.max(1, t.retryAfter().toSeconds());
                ctx.header("Retry-After", Long.toString(seconds));
                throw new ApiException(
                        429, "too many logins from this address or for this name; try again in " + seconds + " s");
            }
            case LoginResult.Busy b -> {
                ctx.header("Retry-After", "1");
                throw new ApiException(503, "too many logins being checked; try again in 1 s");
            }
        }
    }

    void logout(Context ctx) throws StoreException {
        Session s = AuthFilter.session(ctx);
        sessions.close(s.token());
        accounts.loggedOut(s.name(), ClientAddress.of(ctx));
        ctx.header("Set-Cookie", AuthFilter.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.status(204);
    }

    void session(Context ctx) throws BadRequestException {
        QueryParams.allowOnly(ctx, Set.of());
        ApiRoutes.send(ctx, 200, sessionBody(AuthFilter.session(ctx)));
    }

    /** {@code POST /api/account/password}: any role may change its own password; its other sessions end. */
    void changePassword(Context ctx) throws ApiException, StoreException {
        JsonBody body = JsonBody.of(ctx, Set.of("current", "new"));
        Session s = AuthFilter.session(ctx);
        try {
            accounts.changePassword(
                    s.name(),
                    body.required("current", PASSWORD_MAX),
                    body.required("new", PASSWORD_MAX),
                    ClientAddress.of(ctx));
        } catch (InvalidAccountException e) {
            throw new ApiException(400, e.getMessage(), e.field());
        } catch (ChecksBusyException e) {
            ctx.header("Retry-After", "1");
            throw new ApiException(503, "too many password checks running; try again in 1 s");
        }
        sessions.closeAllOf(s.name(), s.token());
        ctx.status(204);
    }

    private ObjectNode sessionBody(Session s) {
        ObjectNode n = JsonViews.MAPPER.createObjectNode();
        n.put("name", s.name());
        n.put("role", s.role().wireName());
        n.put("csrf_token", s.csrfToken());
        n.put("idle_timeout_s", sessions.idleTimeout().toSeconds());
        return n;
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static byte[] resource(String path) {
        try (InputStream in = AuthRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
