package org.gatepost.hub.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatepost.hub.alert.HealthRules;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.ResendCommand;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.ingest.Periodic;
import org.gatepost.hub.store.EpochGap;
import org.gatepost.hub.store.Hole;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.HubTransaction;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds entries that never arrived and asks the gate for them. Order and gaps are judged by {@code seq} alone,
 * never by the gates' clocks.
 *
 * <p>A gap is a gate's current epoch with entries stored above its contiguous high-water mark. When the mark has
 * not moved for {@code grace} (a backlog that is still draining moves it), the monitor publishes a {@code resend}
 * command for each hole (up to {@value #MAX_HOLES} per round) on {@code gatepost/v1/gates/{gate}/commands} and
 * opens the condition {@code missing-entries:{epoch}}, which raises one alert naming the holes. While the mark
 * stays put it asks again after 2, 4, 8 … times {@code grace}, at most {@link #MAX_RETRY} apart. When nothing is
 * stored above the mark any more, the condition closes and the alert resolves. Request timing lives in memory: after
 * a hub restart the first request waits one grace period again; the open condition survives in the store.
 *
 * <p>Not thread safe (see {@link Periodic}); commands are published after the transaction commits.
 */
public final class GapMonitor implements Periodic {
    private static final Logger log = LoggerFactory.getLogger(GapMonitor.class);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    public static final Duration MAX_RETRY = Duration.ofMinutes(5);
    static final int MAX_HOLES = 10;

    private final HubStore store;
    private final HealthRules rules;
    private final CommandPublisher commands;
    private final HubEvents events;
    private final Duration grace;
    private final Map<String, Watch> watches = new HashMap<>();

    /** Request state of one gap, keyed by gate and epoch. */
    private static final class Watch {
        final long upTo;
        Instant nextRequest;
        int attempts;

        Watch(long upTo, Instant nextRequest) {
            this.upTo = upTo;
            this.nextRequest = nextRequest;
        }
    }

    /** @param events told when a missing-entries alert is raised or resolved */
    public GapMonitor(HubStore store, HealthRules rules, CommandPublisher commands, HubEvents events, Duration grace) {
        this.store = store;
        this.rules = rules;
        this.commands = commands;
        this.events = events;
        this.grace = grace;
    }

    @Override
    public void tick(Instant now) throws StoreException {
        Set<String> changed = new HashSet<>();
        List<ResendCommand> requests = store.transaction(tx -> {
            changed.clear();
            return check(tx, now, changed);
        });
        changed.forEach(events::alertsChanged);
        for (ResendCommand r : requests) {
            try {
                commands.publish(Topics.commands(r.gate()), ContractJson.resendPayload(r));
                log.info(
                        "event=resend-requested gate={} epoch={} from={} to={} id={}",
                        r.gate(),
                        r.epoch(),
                        r.from(),
                        r.to(),
                        r.id());
            } catch (Exception e) {
                log.warn(
                        "event=resend-request-not-sent action=will-ask-again gate={} epoch={} from={} to={} reason={}",
                        r.gate(),
                        r.epoch(),
                        r.from(),
                        r.to(),
                        e.getMessage());
            }
        }
    }

    private List<ResendCommand> check(HubTransaction tx, Instant now, Set<String> changed) throws StoreException {
        Map<String, EpochGap> gaps = new HashMap<>();
        for (EpochGap g : tx.gaps()) {
            gaps.put(key(g.gate(), g.epoch()), g);
        }
        closeFilled(tx, gaps, now, changed);
        watches.keySet().retainAll(gaps.keySet());
        List<ResendCommand> requests = new ArrayList<>();
        for (Map.Entry<String, EpochGap> e : gaps.entrySet()) {
            EpochGap g = e.getValue();
            Watch w = watches.get(e.getKey());
            if (w == null || w.upTo != g.upTo()) {
                w = new Watch(g.upTo(), now.plus(grace));
                watches.put(e.getKey(), w);
            }
            if (now.isBefore(w.nextRequest)) {
                continue;
            }
            List<Hole> holes = tx.holes(g.gate(), g.epoch(), g.upTo(), MAX_HOLES);
            if (holes.isEmpty()) {
                continue;
            }
            w.attempts++;
            for (Hole h : holes) {
                requests.add(ResendCommand.of(g.gate(), g.epoch(), h.from(), h.to(), w.attempts));
            }
            if (tx.openCondition(
                    g.gate(),
                    HealthRules.missingEntries(g.epoch()),
                    rules.missingEntries(g.gate(), g.epoch(), holes),
                    now)) {
                changed.add(g.gate());
                log.warn(
                        "event=alert-raised kind=missing-entries gate={} epoch={} holes={} upTo={}",
                        g.gate(),
                        g.epoch(),
                        holes,
                        g.upTo());
            }
            w.nextRequest = now.plus(retryDelay(w.attempts));
        }
        return requests;
    }

    /** Closes the missing-entries conditions whose epoch has nothing stored above its high-water mark any more. */
    private void closeFilled(HubTransaction tx, Map<String, EpochGap> gaps, Instant now, Set<String> changed)
            throws StoreException {
        for (Map.Entry<String, Set<String>> open : tx.openConditions().entrySet()) {
            String gate = open.getKey();
            for (String condition : open.getValue()) {
                if (!condition.startsWith(HealthRules.MISSING_ENTRIES_PREFIX)) {
                    continue;
                }
                String epoch = condition.substring(HealthRules.MISSING_ENTRIES_PREFIX.length());
                if (gaps.containsKey(key(gate, epoch)) || tx.gap(gate, epoch).isPresent()) {
                    continue;
                }
                tx.closeCondition(gate, condition, now);
                changed.add(gate);
                log.info("event=alert-resolved kind=missing-entries gate={} epoch={} reason=gap-filled", gate, epoch);
            }
        }
    }

    private Duration retryDelay(int attempts) {
        Duration d = grace.multipliedBy(1L << Math.min(attempts, 20));
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }

    private static String key(String gate, String epoch) {
        return gate + "/" + epoch;
    }
}
