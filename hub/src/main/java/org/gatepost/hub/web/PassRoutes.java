package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;
import org.gatepost.hub.auth.Session;
import org.gatepost.hub.pass.PassQr;
import org.gatepost.hub.pass.Passes;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.store.StoredPass;

/**
 * Visitor passes ({@code docs/api.md}, Visitor passes): list and read for every signed-in role; issue, revoke and
 * the QR images (the pass itself: whoever holds it passes) for operators. Issue and revoke are audited. Thread safe.
 */
final class PassRoutes {
    private static final Set<String> ISSUE_FIELDS =
            Set.of("name", "phone", "household", "valid_from", "valid_to", "uses");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    private final Passes passes;
    private final Clock clock;

    PassRoutes(Passes passes, Clock clock) {
        this.passes = passes;
        this.clock = clock;
    }

    /** {@code GET /api/passes}: newest first, at most {@code limit}. */
    void list(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of("limit"));
        int limit = QueryParams.limit(ctx);
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        body.put("key", passes.keyId());
        ArrayNode out = body.putArray("passes");
        Instant now = clock.instant();
        for (StoredPass p : passes.recent(limit)) {
            out.add(view(p, now));
        }
        ApiRoutes.send(ctx, 200, body);
    }

    /** {@code GET /api/passes/{id}}. */
    void detail(Context ctx) throws ApiException, StoreException {
        ApiRoutes.send(ctx, 200, view(pass(ctx), clock.instant()));
    }

    /** {@code POST /api/passes}. */
    void issue(Context ctx) throws ApiException, StoreException {
        JsonBody body = JsonBody.of(ctx, ISSUE_FIELDS);
        String uses = body.text("uses", 10).orElse("one");
        if (!uses.equals("one") && !uses.equals("many")) {
            throw new ApiException(400, "uses: must be one or many", "uses");
        }
        Instant from = time(body, "valid_from");
        Instant to = time(body, "valid_to");
        Session s = AuthFilter.session(ctx);
        try {
            StoredPass p = passes.issue(
                    new Passes.Request(
                            body.required("name", 200),
                            body.required("phone", 40),
                            body.required("household", 200),
                            from,
                            to,
                            uses.equals("one")),
                    s.name(),
                    ClientAddress.of(ctx));
            ApiRoutes.send(ctx, 201, view(p, clock.instant()));
        } catch (Passes.InvalidPassException e) {
            throw new ApiException(400, e.getMessage(), e.field());
        }
    }

    /** {@code POST /api/passes/{id}/revoke}. */
    void revoke(Context ctx) throws ApiException, StoreException {
        StoredPass p = pass(ctx);
        if (!passes.revoke(p.id(), AuthFilter.session(ctx).name(), ClientAddress.of(ctx))) {
            throw new ApiException(409, "pass " + p.id() + " is revoked already");
        }
        ApiRoutes.send(ctx, 200, view(passes.find(p.id()).orElseThrow(), clock.instant()));
    }

    /** {@code GET /api/passes/{id}/qr.png}. */
    void png(Context ctx) throws ApiException, StoreException {
        String token = passes.token(pass(ctx));
        ctx.contentType("image/png");
        ctx.result(PassQr.png(token));
    }

    /** {@code GET /api/passes/{id}/qr.svg}. */
    void svg(Context ctx) throws ApiException, StoreException {
        String token = passes.token(pass(ctx));
        ctx.contentType("image/svg+xml");
        ctx.result(PassQr.svg(token));
    }

    private StoredPass pass(Context ctx) throws ApiException, StoreException {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw new ApiException(404, "no such pass");
        }
        return passes.find(id).orElseThrow(() -> new ApiException(404, "no such pass"));
    }

    /** An ISO-8601 instant ({@code 2026-12-07T08:00:00Z}) or a local date-time of the hub's zone ({@code 2026-12-07T08:00}). */
    private Instant time(JsonBody body, String field) throws ApiException {
        String v = body.required(field, 40);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).atZone(clock.getZone()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ApiException(
                        400,
                        field + ": must be a time like 2026-12-07T08:00:00Z or 2026-12-07T08:00" + " (the hub's zone)",
                        field);
            }
        }
    }

    /** A pass as the API shows it: never its token (the QR image is a separate, operator-only request). */
    static ObjectNode view(StoredPass p, Instant now) {
        ObjectNode n = JsonViews.MAPPER.createObjectNode();
        n.put("id", p.id());
        n.put("name", p.visitorName());
        n.put("phone", p.visitorPhone());
        n.put("household", p.household());
        n.put("valid_from", JsonViews.time(p.validFrom()));
        n.put("valid_to", JsonViews.time(p.validTo()));
        n.put("uses", p.usesWire());
        n.put("used", p.uses());
        n.put("last_used_at", JsonViews.time(p.lastUseAt()));
        n.put("issued_at", JsonViews.time(p.issuedAt()));
        n.put("issued_by", p.issuedBy());
        n.put("revoked_at", JsonViews.time(p.revokedAt()));
        n.put("revoked_by", p.revokedBy());
        n.put("state", state(p, now));
        n.put("qr_png", "/api/passes/" + p.id() + "/qr.png");
        n.put("qr_svg", "/api/passes/" + p.id() + "/qr.svg");
        n.put("key", p.keyId());
        return n;
    }

    /** {@code revoked}, {@code expired}, {@code used} (a one-use pass used), {@code pending} (not valid yet) or {@code valid}. */
    static String state(StoredPass p, Instant now) {
        if (p.revokedAt() != null) {
            return "revoked";
        }
        if (!now.isBefore(p.validTo())) {
            return "expired";
        }
        if (p.oneUse() && p.uses() > 0) {
            return "used";
        }
        return now.isBefore(p.validFrom()) ? "pending" : "valid";
    }
}
