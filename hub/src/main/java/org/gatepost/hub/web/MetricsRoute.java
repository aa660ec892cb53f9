package org.gatepost.hub.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code GET /metrics} for Prometheus, guarded by {@code Authorization: Bearer <metrics.token>} rather than a
 * session: a missing or wrong token answers 401 (JSON, {@code WWW-Authenticate: Bearer}). The token is compared in
 * constant time (both sides hashed first, so not even its length leaks). Not a login: nothing is counted against
 * the login throttle. Thread safe.
 */
final class MetricsRoute {
    static final String PATH = "/metrics";
    private static final String BEARER = "Bearer ";

    private final byte[] tokenHash;
    private final Metrics metrics;

    MetricsRoute(String token, Metrics metrics) {
        this.tokenHash = sha256(token);
        this.metrics = metrics;
    }

    void scrape(Context ctx) throws ApiException {
        String auth = ctx.header("Authorization");
        String sent = auth != null && auth.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? auth.substring(BEARER.length()).strip()
                : "";
        if (!MessageDigest.isEqual(sha256(sent), tokenHash)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gatepost-metrics\"");
            throw new ApiException(401, "missing or wrong metrics token (send Authorization: Bearer <metrics.token>)");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(Metrics.CONTENT_TYPE);
        ctx.result(metrics.scrape());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
