package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatepost.hub.alert.BadgeNames;
import org.gatepost.hub.shift.Shift;
import org.gatepost.hub.shift.Shifts;
import org.gatepost.hub.store.AlertActions;
import org.gatepost.hub.store.AlertQuery;
import org.gatepost.hub.store.AlertState;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.DecisionCount;
import org.gatepost.hub.store.DutyLog;
import org.gatepost.hub.store.StoreException;

/**
 * Volunteers' shifts ({@code docs/api.md}, Shifts): {@code GET /api/shifts} and the hand-over summary of a gate's
 * current or last shift, {@code GET /api/shifts/handover}. Names come from the badges list; a badge not on it shows
 * its masked number; the badge hash never leaves. Thread safe.
 */
final class ShiftRoutes {
    /** Alerts listed per part of a hand-over; the counts cover them all. */
    static final int MAX_ALERTS = 200;

    private final DutyLog duty;
    private final AlertActions alerts;
    private final BadgeNames names;
    private final Clock clock;

    ShiftRoutes(DutyLog duty, AlertActions alerts, BadgeNames names, Clock clock) {
        this.duty = duty;
        this.alerts = alerts;
        this.names = names;
        this.clock = clock;
    }

    void list(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of("gate", "from", "to", "limit"));
        Optional<String> gate = QueryParams.gate(ctx);
        Optional<Instant> from = QueryParams.instant(ctx, "from");
        Optional<Instant> to = QueryParams.instant(ctx, "to");
        QueryParams.ordered(from, to);
        int limit = QueryParams.limit(ctx);
        List<Shift> shifts = Shifts.overlapping(Shifts.of(duty.events(gate, to)), from.orElse(null), to.orElse(null));
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        ArrayNode out = body.putArray("shifts");
        shifts.stream().limit(limit).forEach(s -> out.add(shift(s)));
        ApiRoutes.send(ctx, 200, body);
    }

    void handOver(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of("gate"));
        String gate = QueryParams.gate(ctx).orElseThrow(() -> new BadRequestException("gate", "is required"));
        Instant now = clock.instant();
        List<Shift> shifts = Shifts.of(duty.events(Optional.of(gate), Optional.empty()));
        Optional<Shift> current = Shifts.current(shifts, gate);
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        body.put("gate", gate);
        body.put("at", JsonViews.time(now));
        ArrayNode onDuty = body.putArray("on_duty");
        shifts.stream().filter(s -> s.gate().equals(gate) && s.open()).forEach(s -> onDuty.add(shift(s)));
        if (current.isEmpty()) {
            body.putNull("shift");
            body.putNull("entries");
            body.putArray("alerts_raised");
        } else {
            Shift s = current.get();
            body.set("shift", shift(s));
            ObjectNode entries = body.putObject("entries");
            ObjectNode byDecision = entries.putObject("by_decision");
            long total = 0;
            for (DecisionCount c : duty.decisions(gate, s.start(), Optional.ofNullable(s.end()))) {
                byDecision.put(c.decision(), c.count());
                total += c.count();
            }
            entries.put("total", total);
            List<AlertView> raised = alerts.alerts(
                    new AlertQuery(
                            Optional.of(gate), Optional.empty(), Optional.of(s.start()), Optional.ofNullable(s.end())),
                    MAX_ALERTS);
            alertList(body.putArray("alerts_raised"), raised);
        }
        List<AlertView> open = alerts.alerts(
                new AlertQuery(Optional.of(gate), Optional.of(AlertState.OPEN), Optional.empty(), Optional.empty()),
                MAX_ALERTS);
        alertList(body.putArray("unacknowledged"), open);
        ApiRoutes.send(ctx, 200, body);
    }

    private static void alertList(ArrayNode out, List<AlertView> list) {
        list.forEach(a -> out.add(JsonViews.alert(a)));
    }

    private ObjectNode shift(Shift s) {
        ObjectNode n = JsonViews.MAPPER.createObjectNode();
        n.put("gate", s.gate());
        n.put("name", names.name(s.badgeHash()).orElse(null));
        n.put("masked", s.masked());
        n.put("role", s.role());
        n.put("start", JsonViews.time(s.start()));
        n.put("end", JsonViews.time(s.end()));
        n.put("open", s.open());
        n.put("ended_by", s.endedBy());
        n.put("start_entry_id", s.startEntryId());
        return n;
    }
}
