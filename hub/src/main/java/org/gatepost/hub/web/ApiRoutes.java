package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatepost.hub.config.HubZone;
import org.gatepost.hub.ingest.IngestStats;
import org.gatepost.hub.store.DiskFull;
import org.gatepost.hub.store.GateHealth;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.StoreCounts;
import org.gatepost.hub.store.StoreException;

/** The JSON API's gate and health handlers ({@code docs/api.md}). Read-only; safe on concurrent request threads. */
final class ApiRoutes {
    private final HubStore store;
    private final Clock clock;
    private final RuntimeStatus runtime;

    ApiRoutes(HubStore store, Clock clock, RuntimeStatus runtime) {
        this.store = store;
        this.clock = clock;
        this.runtime = runtime;
    }

    void gates(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of());
        send(ctx, 200, gatesBody(store, clock));
    }

    /** The body of {@code GET /api/gates}; also pushed to open pages by {@link LiveFeed}. */
    static ObjectNode gatesBody(HubStore store, Clock clock) throws StoreException {
        Instant today = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        ArrayNode gates = body.putArray("gates");
        Map<String, GateHealth> health = new HashMap<>();
        store.gateHealth().forEach(h -> health.put(h.gate(), h));
        store.gates(today).forEach(g -> gates.add(JsonViews.health(JsonViews.gate(g), health.get(g.gate()))));
        body.put("today_since", JsonViews.time(today));
        body.put("zone", HubZone.name(clock.getZone()));
        return body;
    }

    /** {@code GET /api/dead-letters}: messages set aside as invalid, newest first. */
    void deadLetters(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of("limit"));
        int limit = QueryParams.limit(ctx);
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        ArrayNode letters = body.putArray("dead_letters");
        store.deadLetters(limit).forEach(d -> letters.add(JsonViews.deadLetter(d)));
        send(ctx, 200, body);
    }

    /**
     * 200 when the store answers, accepts writes (its disk is not full) and MQTT is connected, else 503; the body says which part is down. Without a
     * session (a load balancer's probe) the body is only {@code {"ok": …}}.
     */
    void health(Context ctx, boolean signedIn) throws BadRequestException {
        QueryParams.allowOnly(ctx, Set.of());
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        boolean mqtt = runtime.mqttConnected();
        boolean storeOk = true;
        body.put("ok", false);
        body.putObject("mqtt").put("connected", mqtt);
        ObjectNode storeNode = body.putObject("store");
        try {
            StoreCounts c = store.counts();
            ObjectNode counts = body.putObject("counts");
            counts.put("gates", c.gates());
            counts.put("entries", c.entries());
            counts.put("alerts", c.alerts());
            counts.put("open_alerts", c.openAlerts());
            counts.put("dead_letters", c.deadLetters());
        } catch (StoreException e) {
            storeOk = false;
            storeNode.put("error", e.getMessage());
        }
        Optional<DiskFull> full = store.diskFull();
        if (full.isPresent()) {
            storeOk = false;
            storeNode.put("error", "disk full: writes refused, nothing acknowledged until space returns");
            storeNode
                    .putObject("disk_full")
                    .put("since", JsonViews.time(full.get().since()))
                    .put("writes_refused", full.get().writesRefused());
        } else {
            storeNode.putNull("disk_full");
        }
        boolean writable = storeOk && store.acceptsWrites();
        storeNode.put("ok", storeOk);
        storeNode.put("writable", writable);
        IngestStats s = runtime.ingest();
        ObjectNode ingest = body.putObject("ingest");
        ingest.put("entries_stored", s.entriesStored());
        ingest.put("duplicates", s.duplicates());
        ingest.put("statuses", s.statuses());
        ingest.put("dead_letters", s.deadLetters());
        ingest.put("store_failures", s.storeFailures());
        ingest.put("ack_failures", s.ackFailures());
        ingest.put("queued", s.queued());
        boolean ok = mqtt && storeOk && writable;
        body.put("ok", ok);
        ObjectNode visible = body;
        if (!signedIn) {
            // No session, or one that cannot be checked while the database is away: only whether the hub is
            // well, and whether its store takes writes, which a load balancer's probe needs to route around it.
            visible = JsonViews.MAPPER.createObjectNode().put("ok", ok);
            visible.putObject("store").put("writable", writable);
        }
        send(ctx, ok ? 200 : 503, visible);
    }

    static void send(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }
}
