package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gatepost.hub.ops.PurgeCommand;
import org.gatepost.hub.purge.Purges;
import org.gatepost.hub.store.PurgeStore;
import org.gatepost.hub.store.StoreException;

/**
 * Operator-only: the end of the emergency ({@code GET /api/purge}, {@code POST /api/purge}; docs/api.md). The
 * purge runs only with {@code {"confirm": "PURGE"}} typed. Thread safe.
 */
final class PurgeRoutes {
    private final Purges purges;

    PurgeRoutes(Purges purges) {
        this.purges = purges;
    }

    void status(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of());
        ApiRoutes.send(ctx, 200, view(purges.latest()));
    }

    void run(Context ctx) throws ApiException, StoreException {
        JsonBody body = JsonBody.of(ctx, Set.of("confirm"));
        if (!PurgeCommand.CONFIRMATION.equals(body.required("confirm", 16))) {
            throw new ApiException(
                    400, "confirm: type " + PurgeCommand.CONFIRMATION + " to delete the personal data", "confirm");
        }
        PurgeStore.Purge p = purges.run(AuthFilter.session(ctx).name(), ClientAddress.of(ctx));
        ApiRoutes.send(ctx, 201, view(Optional.of(p)));
    }

    /** {@code {"purge": null}} or the purge with its gates, confirmed and pending. */
    static ObjectNode view(Optional<PurgeStore.Purge> purge) {
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        if (purge.isEmpty()) {
            body.putNull("purge");
            return body;
        }
        PurgeStore.Purge p = purge.get();
        ObjectNode n = body.putObject("purge");
        n.put("id", p.id());
        n.put("requested_at", JsonViews.time(p.requestedAt()));
        n.put("actor", p.actor());
        counts(n.putObject("deleted"), p.deleted());
        ArrayNode gates = n.putArray("gates");
        int confirmed = 0;
        for (PurgeStore.PurgeGate g : p.gates()) {
            ObjectNode o = gates.addObject();
            o.put("gate", g.gate());
            o.put("state", g.confirmed() ? "confirmed" : "pending");
            o.put("confirmed_at", g.confirmedAt().map(JsonViews::time).orElse(null));
            o.put("gate_purged_at", g.gatePurgedAt().map(JsonViews::time).orElse(null));
            counts(o.putObject("deleted"), g.deleted());
            confirmed += g.confirmed() ? 1 : 0;
        }
        n.put("confirmed", confirmed);
        n.put("pending", p.gates().size() - confirmed);
        return body;
    }

    private static void counts(ObjectNode n, Map<String, Long> counts) {
        new TreeMap<>(counts).forEach(n::put);
    }
}
