package org.gatepost.hub.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.store.AlertState;

/** Validated query parameters: each appears at most once; unknown names are refused (typo protection). */
final class QueryParams {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    private static final int ECHO_MAX = 40;

    private QueryParams() {}

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
            throw new BadRequestException(
                    "gate", "must be a gate id (letters, digits, '_', '-'; up to 64), got '" + echo(v.get()) + "'");
        }
        return v;
    }

    /** A value that must match {@code pattern}; {@code what} describes it in the error. */
    static Optional<String> matching(Context ctx, String name, Pattern pattern, String what)
            throws BadRequestException {
        Optional<String> v = single(ctx, name);
        if (v.isPresent() && !pattern.matcher(v.get()).matches()) {
            throw new BadRequestException(name, "must be " + what + ", got '" + echo(v.get()) + "'");
        }
        return v;
    }

    /** A point in time: ISO-8601 with {@code Z} or an offset ({@code 2026-11-28T08:00:00Z}, {@code …+08:00}). */
    static Optional<Instant> instant(Context ctx, String name) throws BadRequestException {
        Optional<String> v = single(ctx, name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(v.get()).toInstant());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    name,
                    "must be a time like 2026-11-28T08:00:00Z or " + "2026-11-28T16:00:00+08:00, got '" + echo(v.get())
                            + "'");
        }
    }

    /** A calendar day, {@code 2026-11-28}. */
    static Optional<LocalDate> date(Context ctx, String name) throws BadRequestException {
        Optional<String> v = single(ctx, name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(v.get()));
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, "must be a day like 2026-11-28, got '" + echo(v.get()) + "'");
        }
    }

    /** {@code from} before {@code to} when both are given. */
    static void ordered(Optional<Instant> from, Optional<Instant> to) throws BadRequestException {
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new BadRequestException("to", "must be after from");
        }
    }

    static Optional<AlertState> alertState(Context ctx) throws BadRequestException {
        Optional<String> v = single(ctx, "state");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AlertState.parse(v.get())
                .orElseThrow(() -> new BadRequestException(
                        "state", "must be open, acknowledged, active or resolved, got '" + echo(v.get()) + "'")));
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
