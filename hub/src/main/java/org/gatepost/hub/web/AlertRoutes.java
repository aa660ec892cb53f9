package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatepost.hub.auth.AuditActions;
import org.gatepost.hub.auth.Session;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.store.ActionOutcome;
import org.gatepost.hub.store.AlertAction;
import org.gatepost.hub.store.AlertActions;
import org.gatepost.hub.store.AlertQuery;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.AuditRecord;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/alerts} with filters and each alert's actions; acknowledging and resolving with a note
 * (operators only, audited, pushed to every open page). Thread safe.
 */
final class AlertRoutes {
    private static final Logger log = LoggerFactory.getLogger(AlertRoutes.class);
    static final int NOTE_MAX = 1000;
    static final Set<String> FILTER_PARAMS = Set.of("gate", "state", "from", "to");
    private static final Set<String> LIST_PARAMS = Set.of("gate", "state", "from", "to", "limit");

    private final AlertActions alerts;
    private final Clock clock;
    private final HubEvents feed;

    AlertRoutes(AlertActions alerts, Clock clock, HubEvents feed) {
        this.alerts = alerts;
        this.clock = clock;
        this.feed = feed;
    }

    void list(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, LIST_PARAMS);
        AlertQuery q = query(ctx);
        List<AlertView> found = alerts.alerts(q, QueryParams.limit(ctx));
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        body.set(
                "alerts",
                json(found, alerts.actions(found.stream().map(AlertView::id).toList())));
        ApiRoutes.send(ctx, 200, body);
    }

    void acknowledge(Context ctx) throws ApiException, StoreException {
        act(ctx, AlertAction.ACKNOWLEDGE, false);
    }

    void resolve(Context ctx) throws ApiException, StoreException {
        act(ctx, AlertAction.RESOLVE, true);
    }

    private void act(Context ctx, String action, boolean noteRequired) throws ApiException, StoreException {
        long id = alertId(ctx);
        JsonBody body = JsonBody.of(ctx, Set.of("note"));
        String note = (noteRequired
                        ? body.required("note", NOTE_MAX)
                        : body.text("note", NOTE_MAX).orElse(""))
                .strip();
        if (noteRequired && note.isEmpty()) {
            throw new ApiException(400, "note: is required (what was done)", "note");
        }
        Session s = AuthFilter.session(ctx);
        Instant now = clock.instant();
        boolean ack = AlertAction.ACKNOWLEDGE.equals(action);
        AuditRecord audit = AuditRecord.of(
                now,
                s.name(),
                ack ? AuditActions.ALERT_ACKNOWLEDGE : AuditActions.ALERT_RESOLVE,
                "alert " + id,
                note.isEmpty() ? null : "with note",
                ClientAddress.of(ctx));
        ActionOutcome outcome = ack
                ? alerts.acknowledge(id, s.name(), note, now, audit)
                : alerts.resolve(id, s.name(), note, now, audit);
        switch (outcome) {
            case NO_SUCH_ALERT -> throw new ApiException(404, "no such alert");
            case ALREADY_ACKNOWLEDGED -> throw new ApiException(409, "already acknowledged");
            case ALREADY_RESOLVED -> throw new ApiException(409, "already resolved");
            case DONE -> {}
        }
        AlertView a = alerts.alert(id).orElseThrow(() -> new ApiException(404, "no such alert"));
        log.info("event=alert-{} id={} gate={} user={}", ack ? "acknowledged" : "resolved", id, a.gate(), s.name());
        feed.alertsChanged(a.gate());
        ApiRoutes.send(ctx, 200, json(a, alerts.actions(List.of(id))));
    }

    /** The filters shared by the list and the CSV export. */
    static AlertQuery query(Context ctx) throws BadRequestException {
        Optional<Instant> from = QueryParams.instant(ctx, "from");
        Optional<Instant> to = QueryParams.instant(ctx, "to");
        QueryParams.ordered(from, to);
        return new AlertQuery(QueryParams.gate(ctx), QueryParams.alertState(ctx), from, to);
    }

    static ArrayNode json(List<AlertView> list, List<AlertAction> actions) {
        Map<Long, List<AlertAction>> byAlert = new HashMap<>();
        actions.forEach(x ->
                byAlert.computeIfAbsent(x.alertId(), k -> new ArrayList<>()).add(x));
        ArrayNode out = JsonViews.MAPPER.createArrayNode();
        list.forEach(a -> out.add(json(a, byAlert.getOrDefault(a.id(), List.of()))));
        return out;
    }

    /** The alert as in {@code docs/api.md}: the stored fields, {@code resolved_by} and its {@code actions}. */
    static ObjectNode json(AlertView a, List<AlertAction> actions) {
        ObjectNode n = JsonViews.alert(a);
        String resolvedBy = null;
        ArrayNode list = n.putArray("actions");
        for (AlertAction x : actions) {
            if (x.alertId() != a.id()) {
                continue;
            }
            if (AlertAction.RESOLVE.equals(x.action())) {
                resolvedBy = x.actor();
            }
            ObjectNode o = list.addObject();
            o.put("action", x.action());
            o.put("at", JsonViews.time(x.at()));
            o.put("by", x.actor());
            o.put("note", x.note());
        }
        n.put("resolved_by", resolvedBy);
        return n;
    }

    private static long alertId(Context ctx) throws ApiException {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(404, "no such alert");
    }
}
