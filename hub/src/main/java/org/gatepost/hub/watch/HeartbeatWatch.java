package org.gatepost.hub.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.hub.alert.HealthRules;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.ingest.Periodic;
import org.gatepost.hub.store.HeartbeatDue;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a gate that is believed online (its last status is {@code online}) but has sent no heartbeat for
 * {@value #MISSED_INTERVALS} of its announced intervals: an agent that hangs while its MQTT connection stays up.
 * It opens the condition {@value HealthRules#HEARTBEAT_MISSED}, which raises a {@code gate-offline} alert; the
 * gate's next heartbeat ends it. The silence is counted from the latest of the last heartbeat, the last status
 * and the hub's own start (heartbeats are QoS 0 and are not queued for a hub that is down).
 * Not thread safe (see {@link Periodic}).
 */
public final class HeartbeatWatch implements Periodic {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatWatch.class);
    public static final int MISSED_INTERVALS = 3;

    private final HubStore store;
    private final HealthRules rules;
    private final HubEvents events;
    private final Instant startedAt;

    /**
     * @param events    told when an alert is raised
     * @param startedAt when the hub started; no gate is declared silent before 3 intervals after it
     */
    public HeartbeatWatch(HubStore store, HealthRules rules, HubEvents events, Instant startedAt) {
        this.store = store;
        this.rules = rules;
        this.events = events;
        this.startedAt = startedAt;
    }

    @Override
    public void tick(Instant now) throws StoreException {
        List<String> raised = new ArrayList<>();
        store.transaction(tx -> {
            raised.clear();
            for (HeartbeatDue d : tx.heartbeatsOfOnlineGates()) {
                Instant since = latest(d.lastHeartbeatAt(), d.lastStatusAt(), startedAt);
                Duration allowed = Duration.ofMillis(Math.round(d.intervalS() * 1000 * MISSED_INTERVALS));
                if (!now.isAfter(since.plus(allowed))) {
                    continue;
                }
                Duration silence = Duration.between(d.lastHeartbeatAt(), now);
                if (tx.openCondition(
                        d.gate(),
                        HealthRules.HEARTBEAT_MISSED,
                        rules.heartbeatMissed(d.gate(), silence, d.intervalS()),
                        now)) {
                    raised.add(d.gate());
                    log.warn(
                            "event=alert-raised kind=gate-offline gate={} reason=heartbeat-missed silentS={} intervalS={}",
                            d.gate(),
                            silence.toSeconds(),
                            d.intervalS());
                }
            }
            return null;
        });
        raised.forEach(events::alertsChanged);
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant max = a;
        if (b != null && b.isAfter(max)) {
            max = b;
        }
        return c.isAfter(max) ? c : max;
    }
}
