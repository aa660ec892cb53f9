package org.gatepost.hub.web;

import io.javalin.http.Context;
import org.gatepost.hub.contract.Topics;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Validated query parameters: each appears at most once; unknown names are refused (typo protection). */
final class QueryParams {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    private static final int ECHO_MAX = 40;

    private QueryParams() {
    }

    static void allowOnly(Context ctx, Set<String> names) throws BadRequestException {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!names.contains(name)) {
                throw new BadRequestException(echo(name), "unknown parameter (allowed: " + names + ")");
            }
        }
    }

    static int limit(Context ctx) throws BadRequestException {
        Optional<String> v = single(ctx, "limit");
        if (v.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String problem = "must be an integer 1.." + MAX_LIMIT + ", got '" + echo(v.get()) + "'";
        int n;
        try {
            n = Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new BadRequestException("limit", problem);
        }
        if (n < 1 || n > MAX_LIMIT) {
            throw new BadRequestException("limit", problem);
        }
        return n;
    }

    static Optional<String> gate(Context ctx) throws BadRequestException {
        Optional<String> v = single(ctx, "gate");
        if (v.isPresent() && !Topics.GATE_ID.matcher(v.get()).matches()) {
            throw new BadRequestException("gate", "must be a gate id (letters, digits, '_', '-'; up to 64), got '"
                    + echo(v.get()) + "'");
        }
        return v;
    }

    private static Optional<String> single(Context ctx, String name) throws BadRequestException {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw new BadRequestException(name, "given more than once");
        }
        return values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static String echo(String s) {
        String cut = s.length() > ECHO_MAX ? s.substring(0, ECHO_MAX) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
