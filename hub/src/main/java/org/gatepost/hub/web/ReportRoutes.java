package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gatepost.hub.config.HubZone;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.store.DecisionCount;
import org.gatepost.hub.store.EntrySearch;
import org.gatepost.hub.store.StoreException;

/**
 * {@code GET /api/reports}: entries per day and per gate with fevers, no-readings, visitors and overrides, for
 * days of the hub's time zone ({@code hub.zone}, reaching this class as its clock's zone), counted by the hub's receive time. Thread safe.
 */
final class ReportRoutes {
    static final int DEFAULT_DAYS = 7;
    static final int MAX_DAYS = 366;
    private static final Set<String> PARAMS = Set.of("from", "to", "gate");

    private final EntrySearch search;
    private final Clock clock;

    ReportRoutes(EntrySearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    void report(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, PARAMS);
        ZoneId zone = clock.getZone();
        LocalDate to = QueryParams.date(ctx, "to").orElse(LocalDate.now(clock));
        LocalDate from = QueryParams.date(ctx, "from").orElse(to.minusDays(DEFAULT_DAYS - 1));
        if (from.isAfter(to)) {
            throw new BadRequestException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new BadRequestException("from", "the range may span at most " + MAX_DAYS + " days");
        }
        Optional<String> gate = QueryParams.gate(ctx);

        Counts total = new Counts();
        Map<String, Counts> byGate = new TreeMap<>();
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("zone", HubZone.name(zone));
        body.put("gate", gate.orElse(null));
        ArrayNode days = body.putArray("days");
        ArrayNode cells = body.putArray("cells");
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            List<DecisionCount> counts = search.decisionCounts(
                    d.atStartOfDay(zone).toInstant(),
                    d.plusDays(1).atStartOfDay(zone).toInstant(),
                    gate);
            Counts day = new Counts();
            Map<String, Counts> cellByGate = new TreeMap<>();
            for (DecisionCount c : counts) {
                day.add(c);
                total.add(c);
                byGate.computeIfAbsent(c.gate(), g -> new Counts()).add(c);
                cellByGate.computeIfAbsent(c.gate(), g -> new Counts()).add(c);
            }
            day.into(days.addObject().put("day", d.toString()));
            for (Map.Entry<String, Counts> cell : cellByGate.entrySet()) {
                cell.getValue().into(cells.addObject().put("day", d.toString()).put("gate", cell.getKey()));
            }
        }
        ArrayNode gates = body.putArray("gates");
        byGate.forEach((g, c) -> c.into(gates.addObject().put("gate", g)));
        total.into(body.putObject("total"));
        ApiRoutes.send(ctx, 200, body);
    }

    /** Entry counts of one day, gate or cell. */
    private static final class Counts {
        private long entries;
        private long fevers;
        private long noReading;
        private final Map<String, Long> byDecision = new TreeMap<>();

        void add(DecisionCount c) {
            entries += c.count();
            if (EntryMessage.DECISION_DENY_FEVER.equals(c.decision())) {
                fevers += c.count();
            } else if (EntryMessage.DECISION_NO_READING.equals(c.decision())) {
                noReading += c.count();
            }
            byDecision.merge(c.decision(), c.count(), Long::sum);
        }

        void into(ObjectNode n) {
            n.put("entries", entries);
            n.put("fevers", fevers);
            n.put("no_reading", noReading);
            n.put("visitors", byDecision.getOrDefault(EntryMessage.DECISION_VISITOR, 0L));
            n.put("overrides", byDecision.getOrDefault(EntryMessage.DECISION_OVERRIDE, 0L));
            n.put("quarantine_breaches", byDecision.getOrDefault(EntryMessage.DECISION_DENY_QUARANTINE, 0L));
            ObjectNode d = n.putObject("by_decision");
            byDecision.forEach(d::put);
        }
    }
}
