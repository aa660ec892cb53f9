package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.gatepost.hub.alert.BadgeNames;
import org.gatepost.hub.auth.AuditActions;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.store.AccountStore;
import org.gatepost.hub.store.AuditRecord;
import org.gatepost.hub.store.EntryQuery;
import org.gatepost.hub.store.EntrySearch;
import org.gatepost.hub.store.EntryView;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' tracing ({@code docs/api.md}, Tracing): who passed a gate in a time range, and where a person passed
 * (by part of the masked number, or by name through the residents list, which gives the keyed hashes the entries
 * carry). Every request needs a written reason and a time range inside the entry retention; every query and
 * export is audited with its parameters (masked numbers and names, never a full number or a hash), the reason and
 * the number of entries found, before any result is sent: a query whose audit record cannot be written answers
 * 503 and shows nothing. Routes are marked {@link Access#OPERATOR}. Thread safe.
 */
final class TraceRoutes {
    private static final Logger log = LoggerFactory.getLogger(TraceRoutes.class);
    static final int MIN_REASON = 10;
    static final int MAX_REASON = 500;
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 2000;
    /** A name matching more residents than this is refused: the operator narrows it with {@code household}. */
    static final int MAX_RESIDENTS = 20;
    /** Residents read from the list's text search before keeping the exact name matches. */
    private static final int NAME_CANDIDATES = 1000;

    private static final int MAX_TEXT = 64;
    private static final Set<String> GATE_FIELDS = Set.of("gate", "from", "to", "reason", "limit");
    private static final Set<String> PERSON_FIELDS =
            Set.of("masked", "name", "household", "from", "to", "reason", "limit");
    /** Digits, {@code X} and the mask's {@code *}, at least 4: no SQL wildcard, and not a single digit. */
    private static final Pattern MASKED = Pattern.compile("[0-9Xx*]{4,32}");
    /**
     * The longest search without a {@code *}: a region code (6); a masked form shows no longer run of characters,
     * and a longer one would put (part of) a full ID number into the audit log.
     */
    private static final int MAX_UNMASKED = 6;

    /** The residents list's text search ({@code Lists#residents}); items as JSON with {@code name} and {@code hash}. */
    interface Residents {
        Residents NONE = (q, limit) -> List.of();

        List<ObjectNode> find(Optional<String> q, int limit) throws StoreException;
    }

    /** One validated trace request: what the entries must match, and what the audit log records of it. */
    private record Trace(
            String action,
            String target,
            EntryQuery query,
            Instant from,
            Instant to,
            String reason,
            int limit,
            List<ObjectNode> residents) {}

    private final EntrySearch entries;
    private final Residents residents;
    private final AccountStore audit;
    private final ExportRoutes exports;
    private final BadgeNames names;
    private final Clock clock;
    private final Duration retention;

    /** {@code retention}: {@code retention.entries}; {@link Duration#ZERO} keeps entries forever (no bound). */
    TraceRoutes(
            EntrySearch entries,
            Residents residents,
            AccountStore audit,
            ExportRoutes exports,
            BadgeNames names,
            Clock clock,
            Duration retention) {
        this.entries = entries;
        this.residents = residents;
        this.audit = audit;
        this.exports = exports;
        this.names = names;
        this.clock = clock;
        this.retention = retention;
    }

    /** {@code POST /api/trace/gate}. */
    void gate(Context ctx) throws ApiException, StoreException {
        answer(ctx, gateTrace(JsonBody.of(ctx, GATE_FIELDS)));
    }

    /** {@code POST /api/trace/person}. */
    void person(Context ctx) throws ApiException, StoreException {
        answer(ctx, personTrace(JsonBody.of(ctx, PERSON_FIELDS)));
    }

    /** {@code POST /api/trace/gate.csv}: the whole result as the entries export's CSV. */
    void gateCsv(Context ctx) throws ApiException, StoreException, IOException {
        export(ctx, gateTrace(JsonBody.of(ctx, GATE_FIELDS)));
    }

    /** {@code POST /api/trace/person.csv}. */
    void personCsv(Context ctx) throws ApiException, StoreException, IOException {
        export(ctx, personTrace(JsonBody.of(ctx, PERSON_FIELDS)));
    }

    private Trace gateTrace(JsonBody body) throws ApiException {
        String gate = body.required("gate", MAX_TEXT);
        if (!Topics.GATE_ID.matcher(gate).matches()) {
            throw new ApiException(400, "gate: must be a gate id (letters, digits, '_', '-'; up to 64)", "gate");
        }
        Instant[] range = range(body);
        String reason = reason(body);
        int limit = limit(body);
        EntryQuery q = new EntryQuery(
                Optional.of(gate), Optional.of(range[0]), Optional.of(range[1]), Optional.empty(), Optional.empty());
        return new Trace(AuditActions.TRACE_GATE, "gate " + gate, q, range[0], range[1], reason, limit, List.of());
    }

    private Trace personTrace(JsonBody body) throws ApiException, StoreException {
        Optional<String> masked =
                body.text("masked", MAX_TEXT).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> name = body.text("name", MAX_TEXT).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> household =
                body.text("household", MAX_TEXT).map(String::strip).filter(s -> !s.isEmpty());
        if (masked.isPresent() == name.isPresent()) {
            throw new ApiException(400, "masked: give either masked (part of a masked number) or name", "masked");
        }
        if (masked.isPresent()
                && (!MASKED.matcher(masked.get()).matches()
                        || masked.get().indexOf('*') < 0 && masked.get().length() > MAX_UNMASKED)) {
            throw new ApiException(
                    400,
                    "masked: must be 4 to 32 digits, X and * from a masked number "
                            + "(e.g. 440524, 0014 or 110105************); without * at most " + MAX_UNMASKED
                            + " characters, so a full ID number is never a search",
                    "masked");
        }
        if (household.isPresent() && name.isEmpty()) {
            throw new ApiException(400, "household: narrows a name; give name too", "household");
        }
        Instant[] range = range(body);
        String reason = reason(body);
        int limit = limit(body);
        Optional<Instant> from = Optional.of(range[0]);
        Optional<Instant> to = Optional.of(range[1]);
        if (masked.isPresent()) {
            String m = masked.get().toUpperCase(Locale.ROOT);
            EntryQuery q = new EntryQuery(Optional.empty(), from, to, Optional.empty(), Optional.of(m));
            return new Trace(AuditActions.TRACE_PERSON, "masked " + m, q, range[0], range[1], reason, limit, List.of());
        }
        List<ObjectNode> found = named(name.get(), household);
        if (found.size() > MAX_RESIDENTS) {
            throw new ApiException(
                    400, "name: matches more than " + MAX_RESIDENTS + " residents; add household to narrow it", "name");
        }
        List<String> hashes = found.stream()
                .map(n -> n.path("hash").asText())
                .filter(h -> !h.isEmpty())
                .toList();
        EntryQuery q =
                new EntryQuery(Optional.empty(), from, to, Optional.empty(), Optional.empty(), Optional.of(hashes));
        String target =
                "name " + name.get() + household.map(h -> " household " + h).orElse("");
        return new Trace(AuditActions.TRACE_PERSON, target, q, range[0], range[1], reason, limit, found);
    }

    /** Residents whose name is {@code name} (ignoring case and surrounding spaces), in {@code household} if given. */
    private List<ObjectNode> named(String name, Optional<String> household) throws StoreException {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode n : residents.find(Optional.of(name), NAME_CANDIDATES)) {
            if (n.path("name").asText().strip().equalsIgnoreCase(name)
                    && household
                            .map(h -> h.equalsIgnoreCase(
                                    n.path("household").asText().strip()))
                            .orElse(true)) {
                out.add(n);
            }
        }
        return out;
    }

    /** {@code from} and {@code to}, both required, {@code from} before {@code to} and inside the retention. */
    private Instant[] range(JsonBody body) throws ApiException {
        Instant from = instant(body, "from");
        Instant to = instant(body, "to");
        if (!from.isBefore(to)) {
            throw new ApiException(400, "to: must be after from", "to");
        }
        if (!retention.isZero()) {
            Instant earliest = clock.instant().minus(retention);
            if (from.isBefore(earliest)) {
                throw new ApiException(
                        400,
                        "from: is before the retention window (entries are kept "
                                + retention.toDays() + " days, retention.entries): the earliest is "
                                + JsonViews.time(earliest),
                        "from");
            }
        }
        return new Instant[] {from, to};
    }

    private static Instant instant(JsonBody body, String field) throws ApiException {
        String v = body.required(field, MAX_TEXT);
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException(
                    400, field + ": must be a time like 2026-11-28T08:00:00Z or " + "2026-11-28T16:00:00+08:00", field);
        }
    }

    private static String reason(JsonBody body) throws ApiException {
        String r = body.text("reason", MAX_REASON).map(String::strip).orElse("");
        if (r.codePointCount(0, r.length()) < MIN_REASON) {
            throw new ApiException(
                    400,
                    "reason: is required, at least " + MIN_REASON + " characters saying why this trace is needed",
                    "reason");
        }
        return r;
    }

    private static int limit(JsonBody body) throws ApiException {
        JsonNode v = body.node("limit");
        if (v == null || v.isNull()) {
            return DEFAULT_LIMIT;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1 || v.intValue() > MAX_LIMIT) {
            throw new ApiException(400, "limit: must be a whole number from 1 to " + MAX_LIMIT, "limit");
        }
        return v.intValue();
    }

    private void answer(Context ctx, Trace t) throws StoreException {
        long counted = entries.count(t.query());
        // One more than the limit tells truncation even when entries arrived between the count and the read.
        List<EntryView> read =
                counted == 0 ? List.of() : entries.entriesAfter(t.query(), Optional.empty(), t.limit() + 1);
        boolean truncated = read.size() > t.limit();
        List<EntryView> found = truncated ? read.subList(0, t.limit()) : read;
        long total = Math.max(counted, read.size());
        record(ctx, t.action(), t, total);
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        body.put("from", JsonViews.time(t.from()));
        body.put("to", JsonViews.time(t.to()));
        body.put("total", total);
        body.put("count", found.size());
        body.put("limit", t.limit());
        body.put("truncated", truncated);
        if (t.action().equals(AuditActions.TRACE_PERSON)) {
            ArrayNode people = body.putArray("residents");
            for (ObjectNode r : t.residents()) {
                ObjectNode p = people.addObject();
                for (String f : List.of("name", "masked", "building", "unit", "household")) {
                    p.set(f, r.get(f));
                }
            }
        }
        ArrayNode list = body.putArray("entries");
        found.forEach(e -> list.add(JsonViews.entry(e, names, false)));
        ApiRoutes.send(ctx, 200, body);
    }

    private void export(Context ctx, Trace t) throws StoreException, IOException {
        long total = entries.count(t.query());
        record(ctx, AuditActions.TRACE_EXPORT, t, total);
        exports.entriesCsv(ctx, t.query(), "trace");
    }

    /** The audit record, written before anything is sent. */
    private void record(Context ctx, String action, Trace t, long total) throws StoreException {
        String user = AuthFilter.session(ctx).name();
        String target = action.equals(AuditActions.TRACE_EXPORT)
                ? (t.action().equals(AuditActions.TRACE_GATE) ? "gate-trace " : "person-trace ") + t.target()
                : t.target();
        String detail = "from=" + JsonViews.time(t.from()) + " to=" + JsonViews.time(t.to()) + " results=" + total
                + (t.action().equals(AuditActions.TRACE_PERSON)
                                && t.query().credentialHashes().isPresent()
                        ? " residents=" + t.residents().size()
                        : "")
                + " reason=" + t.reason();
        audit.audit(AuditRecord.of(clock.instant(), user, action, target, detail, ClientAddress.of(ctx)));
        // The log names neither the person nor the reason: the audit log holds those, for operators only.
        log.info("event=trace action={} user={} results={}", action, user, total);
    }
}
