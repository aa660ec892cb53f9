package org.gatepost.hub.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatepost.hub.alert.HealthRules;
import org.gatepost.hub.contract.HeartbeatMessage;
import org.gatepost.hub.store.ConditionAlert;
import org.gatepost.hub.store.HubTransaction;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a gate's heartbeat and moves its heartbeat-decided conditions ({@link HealthRules}): a condition the
 * heartbeat reports opens (one alert per opening), one it no longer reports closes (its alert resolves), and any
 * heartbeat ends {@link HealthRules#HEARTBEAT_MISSED}. Runs on the ingest thread inside the group's transaction.
 */
final class HeartbeatHandler {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);

    private final HealthRules rules;
    private final HubEvents events;

    HeartbeatHandler(HealthRules rules, HubEvents events) {
        this.rules = rules;
        this.events = events;
    }

    /** Decides from what is stored (reads only); the returned plan writes. */
    Plan plan(HubTransaction tx, HeartbeatMessage h) throws StoreException {
        Map<String, ConditionAlert> holds = rules.conditions(h, tx.health(h.gate()));
        Set<String> open = tx.openConditions(h.gate());
        List<String> close = new ArrayList<>();
        for (String c : open) {
            if (HealthRules.decidedByHeartbeat(c) && !holds.containsKey(c)) {
                close.add(c);
            }
        }
        Map<String, ConditionAlert> raise = new LinkedHashMap<>(holds);
        raise.keySet().removeAll(open);
        return new Plan(h, close, raise, events);
    }

    record Plan(HeartbeatMessage heartbeat, List<String> close, Map<String, ConditionAlert> open, HubEvents events) {
        Runnable apply(HubTransaction tx, Instant now) throws StoreException {
            tx.storeHealth(heartbeat, now);
            for (String c : close) {
                tx.closeCondition(heartbeat.gate(), c, now);
            }
            for (Map.Entry<String, ConditionAlert> e : open.entrySet()) {
                tx.openCondition(heartbeat.gate(), e.getKey(), e.getValue(), now);
            }
            return this::report;
        }

        private void report() {
            HeartbeatMessage h = heartbeat;
            log.debug(
                    "event=heartbeat gate={} boot={} backlog={} storeUsedPct={} devices={}",
                    h.gate(),
                    h.boot(),
                    h.backlog(),
                    h.store().usedPct(),
                    h.devices().size());
            for (String c : close) {
                log.info("event=alert-resolved gate={} condition={}", h.gate(), c);
            }
            for (Map.Entry<String, ConditionAlert> e : open.entrySet()) {
                log.warn(
                        "event=alert-raised kind={} severity={} gate={} condition={}",
                        e.getValue().kind(),
                        e.getValue().severity(),
                        h.gate(),
                        e.getKey());
            }
            events.gateChanged(h.gate());
            if (!close.isEmpty() || !open.isEmpty()) {
                events.alertsChanged(h.gate());
            }
        }
    }
}
