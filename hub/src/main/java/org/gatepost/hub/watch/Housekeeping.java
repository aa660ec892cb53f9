package org.gatepost.hub.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gatepost.hub.alert.HealthRules;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.ingest.Periodic;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs several {@link Periodic} checks in order on each tick. A check that fails is logged and does not stop
 * the others; it runs again on the next tick. Same threading as {@link Periodic}.
 */
public final class Housekeeping implements Periodic {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final List<Periodic> checks;

    public Housekeeping(List<Periodic> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * The hub's checks: gaps (resend requests, {@link GapMonitor#DEFAULT_GRACE}), missed heartbeats, and entry
     * retention ({@code keepEntries}, {@link Duration#ZERO}: forever).
     */
    public static Housekeeping standard(
            HubStore store, CommandPublisher commands, HubEvents events, Duration keepEntries, Instant startedAt) {
        HealthRules rules = new HealthRules();
        return new Housekeeping(List.of(
                new GapMonitor(store, rules, commands, events, GapMonitor.DEFAULT_GRACE),
                new HeartbeatWatch(store, rules, events, startedAt),
                new EntryRetention(store, keepEntries)));
    }

    @Override
    public void tick(Instant now) {
        for (Periodic p : checks) {
            try {
                p.tick(now);
            } catch (StoreException e) {
                log.warn(
                        "event=periodic-check-failed action=retry-next-tick check={} reason={}",
                        p.getClass().getSimpleName(),
                        e.getMessage());
            } catch (RuntimeException e) {
                log.error(
                        "event=periodic-check-bug check={} error={}",
                        p.getClass().getSimpleName(),
                        e.toString(),
                        e);
            }
        }
    }
}
