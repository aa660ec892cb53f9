package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatepost.hub.alert.BadgeNames;
import org.gatepost.hub.auth.Role;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.store.EntryQuery;
import org.gatepost.hub.store.EntrySearch;
import org.gatepost.hub.store.EntryView;
import org.gatepost.hub.store.StoreException;

/**
 * {@code GET /api/entries}: entry search by gate, time range, decision and part of the masked credential; and one
 * entry in detail. Thread safe.
 */
final class EntryRoutes {
    static final Set<String> FILTER_PARAMS = Set.of("gate", "from", "to", "decision", "masked");
    private static final Set<String> LIST_PARAMS = Set.of("gate", "from", "to", "decision", "masked", "limit");
    private static final Pattern DECISION = Pattern.compile("[a-z][a-z-]{0,31}");
    /** Digits, {@code X} and the mask's {@code *}: no SQL wildcard can get through. */
    private static final Pattern MASKED = Pattern.compile("[0-9Xx*]{1,32}");

    /** An entry id, {@code {gate}-{epoch}-{seq}}: the epoch is 16 hex digits. */
    private static final Pattern ENTRY_ID = Pattern.compile("(.{1,64})-([0-9a-f]{16})-([1-9][0-9]{0,17})");

    private final EntrySearch search;
    private final BadgeNames names;

    EntryRoutes(EntrySearch search, BadgeNames names) {
        this.search = search;
        this.names = names;
    }

    /**
     * {@code GET /api/entries/{id}}: one entry with every rule field; the visitor's full phone for operators only.
     */
    void detail(Context ctx) throws BadRequestException, StoreException, ApiException {
        QueryParams.allowOnly(ctx, Set.of());
        Matcher m = ENTRY_ID.matcher(ctx.pathParam("id"));
        if (!m.matches()) {
            throw new ApiException(404, "no such entry");
        }
        EntryView e = search.entry(m.group(1), m.group(2), Long.parseLong(m.group(3)))
                .orElseThrow(() -> new ApiException(404, "no such entry"));
        boolean operator = AuthFilter.session(ctx).role() == Role.OPERATOR;
        ApiRoutes.send(ctx, 200, JsonViews.entry(e, names, operator));
    }

    void list(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, LIST_PARAMS);
        EntryQuery q = query(ctx);
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        ArrayNode entries = body.putArray("entries");
        search.entries(q, QueryParams.limit(ctx)).forEach(e -> entries.add(JsonViews.entry(e, names, false)));
        ApiRoutes.send(ctx, 200, body);
    }

    /** The filters shared by the list and the CSV export. */
    static EntryQuery query(Context ctx) throws BadRequestException {
        Optional<Instant> from = QueryParams.instant(ctx, "from");
        Optional<Instant> to = QueryParams.instant(ctx, "to");
        QueryParams.ordered(from, to);
        Optional<String> decision =
                QueryParams.matching(ctx, "decision", DECISION, "a decision like admit, deny-fever or deny-quarantine");
        if (decision.isPresent() && !EntryMessage.DECISIONS.contains(decision.get())) {
            throw new BadRequestException(
                    "decision",
                    "must be one of " + EntryMessage.DECISIONS.stream().sorted().toList());
        }
        Optional<String> masked = QueryParams.matching(
                        ctx, "masked", MASKED, "digits, X and * from a masked ID number (e.g. 0014 or 440524)")
                .map(m -> m.toUpperCase(Locale.ROOT));
        return new EntryQuery(QueryParams.gate(ctx), from, to, decision, masked);
    }
}
