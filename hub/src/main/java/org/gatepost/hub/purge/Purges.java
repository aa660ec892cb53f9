package org.gatepost.hub.purge;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.gatepost.hub.ack.RetainedPublisher;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.ingest.InboundMessage;
import org.gatepost.hub.ingest.MessageAcker;
import org.gatepost.hub.store.PurgeStore;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.watch.CommandPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the emergency at a running hub (docs/security.md, "End of the emergency (PIPL art. 47)"):
 * {@link #run} purges the hub's database, has the emptied lists published, and tells every gate, on each gate's
 * {@code commands} topic and on the retained {@value Topics#HUB_PURGE} that a gate offline now reads when it returns;
 * {@link #received} takes the gates' reports ({@code gatepost/v1/gates/{gate}/purged}) and records each gate's
 * confirmation. On {@link #start} the latest purge is announced again (the gates that already purged answer with
 * their report again, which changes nothing). Reports are handled on one thread of its own, in arrival order.
 * Thread safe.
 */
public final class Purges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Purges.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final long RETRY_MS = 5_000;

    private final PurgeStore store;
    private final Runnable listsChanged;
    private final RetainedPublisher retained;
    private final CommandPublisher commands;
    private final MessageAcker acker;
    private final Clock clock;
    private final RandomGenerator random;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("purge-reports").daemon(true).unstarted(r));

    /**
     * @param listsChanged asks the list publisher to publish the changed (now empty) lists; never blocks
     */
    public Purges(
            PurgeStore store,
            Runnable listsChanged,
            RetainedPublisher retained,
            CommandPublisher commands,
            MessageAcker acker,
            Clock clock,
            RandomGenerator random) {
        this.store = store;
        this.listsChanged = listsChanged;
        this.retained = retained;
        this.commands = commands;
        this.acker = acker;
        this.clock = clock;
        this.random = random;
    }

    /** A new purge id: {@code purge-} + the UTC time + 4 random hex digits. */
    public static String newId(Instant at, RandomGenerator random) {
        return "purge-" + ID_TIME.format(at) + "-" + HexFormat.of().toHexDigits((short) random.nextInt(1 << 16));
    }

    /** Announces the latest purge, if any, in the background (retried every 5 s until the broker takes it). */
    public void start() {
        thread.execute(this::announceLatest);
    }

    /**
     * Purges the hub's personal data now and tells the gates. Blocks on the database (the deletes and the
     * compaction) and for the retained publication (at most the MQTT client's timeout; a failed one is retried in
     * the background).
     */
    public PurgeStore.Purge run(String actor, String remote) throws StoreException {
        Instant now = clock.instant();
        PurgeStore.Purge p = store.purge(newId(now, random), now, actor, remote);
        log.info(
                "event=purge-done-at-hub id={} user={} deleted={} gates={}",
                p.id(),
                actor,
                p.deleted(),
                p.gates().size());
        listsChanged.run();
        byte[] command = PurgeJson.command(p.id(), p.requestedAt());
        for (PurgeStore.PurgeGate g : p.gates()) {
            try {
                commands.publish(Topics.commands(g.gate()), command);
            } catch (Exception e) {
                log.warn(
                        "event=purge-command-not-sent gate={} id={} reason={} action=rely-on-retained-announcement",
                        g.gate(),
                        p.id(),
                        e.toString());
            }
        }
        thread.execute(this::announceLatest);
        return p;
    }

    /** The latest purge and its gates; empty when there was none. */
    public Optional<PurgeStore.Purge> latest() throws StoreException {
        return store.latest();
    }

    /**
     * A message on {@code gatepost/v1/gates/{gate}/purged}: recorded on the purge thread, then acknowledged to the
     * broker. Never blocks; any thread.
     */
    public void received(InboundMessage m) {
        thread.execute(() -> handle(m));
    }

    /** Whether {@code topic} is a gate's purge report, which {@link #received} takes. */
    public static boolean isReport(String topic) {
        return Topics.purgedGate(topic).isPresent();
    }

    private void handle(InboundMessage m) {
        String gate = Topics.purgedGate(m.topic()).orElse("?");
        try {
            if (m.payload().length > 0) {
                PurgeJson.Report r = PurgeJson.report(m.payload(), gate);
                Optional<PurgeStore.PurgeGate> g =
                        store.confirm(r.purge(), gate, r.purgedAt(), r.deleted(), clock.instant());
                if (g.isEmpty()) {
                    log.warn("event=purge-report-ignored gate={} id={} reason=unknown-purge", gate, r.purge());
                } else {
                    log.info(
                            "event=purge-confirmed gate={} id={} confirmedAt={} deleted={}",
                            gate,
                            r.purge(),
                            g.get().confirmedAt().orElse(null),
                            g.get().deleted());
                }
            }
        } catch (IllegalArgumentException e) {
            log.warn("event=purge-report-rejected gate={} reason={}", gate, e.getMessage());
        } catch (StoreException e) {
            log.error(
                    "event=purge-report-not-stored gate={} reason={} action=taken-again-on-redelivery",
                    gate,
                    e.getMessage());
            return;
        }
        try {
            acker.ack(m);
        } catch (Exception e) {
            log.warn("event=purge-report-ack-failed gate={} reason={}", gate, e.toString());
        }
    }

    private void announceLatest() {
        try {
            Optional<PurgeStore.Purge> p = store.latest();
            if (p.isPresent()) {
                retained.publishRetained(
                        Topics.HUB_PURGE,
                        PurgeJson.command(p.get().id(), p.get().requestedAt()));
                log.info("event=purge-announced id={} topic={}", p.get().id(), Topics.HUB_PURGE);
            }
        } catch (Exception e) {
            log.warn("event=purge-announcement-failed retryInMs={} reason={}", RETRY_MS, e.toString());
            thread.schedule(this::announceLatest, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
