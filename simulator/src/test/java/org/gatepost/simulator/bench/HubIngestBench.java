package org.gatepost.simulator.bench;

import static org.gatepost.simulator.bench.Figure.Reference;
import static org.gatepost.simulator.bench.Figure.Target;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gatepost.agent.contract.EntryJson;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.testing.FreePorts;
import org.gatepost.agent.testing.SampleDrafts;

/**
 * Figure 4: hub ingest. Many simulated gates (one MQTT connection each, {@link MqttLoadGenerator}) publish
 * live entries, single messages on their {@code entries} topics, together offering {@value #OFFERED_PER_S}
 * a second (twice the target) evenly over gates and time; the figure is the rate at which entries become
 * committed at the hub, read from its database every {@value #POLL_MILLIS} ms, between 10 % and 90 % of the
 * total (the sustained part), on a warm hub: a smaller warm-up load runs before on the freshly started hub. Once with the hub's embedded broker (Moquette, in the hub's JVM) and once with
 * Mosquitto (production settings). If ingest stops making progress for {@link #STALL}, the run ends there and
 * the figure is the rate up to then. Reference: the same gates publishing as fast as the same broker
 * acknowledges with no hub subscribed, i.e. what the broker alone accepts.
 */
final class HubIngestBench {
    static final double TARGET_ENTRIES_PER_S = 10_000;
    static final double OFFERED_PER_S = 20_000;
    private static final long POLL_MILLIS = 100;
    private static final Duration STALL = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String LIVE_GATE = "load-gate";
    private static final String WARM_UP_GATE = "warm-up-gate";
    /** The warm-up's load: a third of the measured one, offered at a rate both brokers take without stalling. */
    private static final int WARM_UP_SHARE = 3;

    static final double WARM_UP_OFFERED_PER_S = 2_000;
    private static final String QUEUED_GATE = "queued-gate";

    private HubIngestBench() {}

    static List<Figure> run(BenchEnv env) throws Exception {
        Path dir = env.dir("4-hub-ingest");
        int gates = env.scale().gates();
        int perGate = env.scale().entriesPerGate();
        env.say("4 hub ingest: %,d gates × %d entries, embedded broker and Mosquitto", gates, perGate);
        List<Figure> figures = new ArrayList<>();
        figures.add(embedded(dir.resolve("embedded"), gates, perGate));
        figures.addAll(mosquitto(dir.resolve("mosquitto"), gates, perGate));
        figures.addAll(postgres(dir.resolve("postgres"), gates, perGate));
        return figures;
    }

    private static Figure embedded(Path dir, int gates, int perGate) throws Exception {
        int port = FreePorts.pick();
        try (HubProcess hub = HubProcess.embedded(dir.resolve("hub"), port)) {
            // The embedded broker cannot run without its hub, so the reference publishes outside gatepost/v1/#,
            // which the hub does not subscribe to: the broker accepts and drops.
            double alone = MqttLoadGenerator.run(
                            port, load(gates, perGate, "bench/alone", "load-gate"), 0, TIMEOUT, () -> false)
                    .perSecond();
            Measured m = measure(port, hub, gates, perGate);
            return figure(
                    "4a",
                    "Hub ingest, embedded broker (Moquette)",
                    m,
                    alone,
                    gates,
                    perGate,
                    "Moquette inside the hub's JVM");
        }
    }

    /**
     * 4b, live; 4c, another load of the same size published while the hub is stopped (its session kept), so it
     * waits in the broker's queue and the hub, started again, has the CPU to itself.
     */
    private static List<Figure> mosquitto(Path dir, int gates, int perGate) throws Exception {
        String settings =
                "Mosquitto with the production settings, max_inflight_messages " + ProductionMosquitto.inflight();
        long total = (long) gates * perGate;
        try (ProductionMosquitto broker = ProductionMosquitto.start(dir.resolve("broker"), FreePorts.pick())) {
            double alone = MqttLoadGenerator.run(
                            broker.port(), load(gates, perGate, "bench/alone", "load-gate"), 0, TIMEOUT, () -> false)
                    .perSecond();
            Figure live;
            try (HubProcess hub = HubProcess.external(dir.resolve("hub"), broker.url())) {
                live = figure(
                        "4b",
                        "Hub ingest, Mosquitto",
                        measure(broker.port(), hub, gates, perGate),
                        alone,
                        gates,
                        perGate,
                        settings);
            }
            MqttLoadGenerator.run(
                    broker.port(), load(gates, perGate, "gatepost/v1/gates", QUEUED_GATE), 0, TIMEOUT, () -> false);
            try (HubProcess hub = HubProcess.external(dir.resolve("hub"), broker.url())) {
                // Counted on the queued load's own gates: what the live load left is not in it.
                // t0 before the poller's first sample: a small queue (smoke scale) may be committed by then, and
                // a t0 taken after that sample made the overall rate negative.
                long t0 = System.nanoTime();
                Measured m = new Poller(hub, QUEUED_GATE, total, new AtomicBoolean()).result(t0, 0);
                Figure queued = new Figure(
                        "4c",
                        "Hub ingest, Mosquitto, entries already queued (hub alone on the CPU)",
                        m.sustained(),
                        "entries/s",
                        null,
                        new Reference("broker alone (no hub subscribed)", alone, "msg/s"),
                        String.format(
                                "another %,d entries from %,d other gates published while the hub was stopped (its "
                                        + "session kept), then the hub started again (a fresh JVM, not warmed up): committed between 10%% and 90%%; overall "
                                        + "%,.0f/s from the hub being ready%s%s. No publisher competes for the CPU. %s",
                                total,
                                gates,
                                m.overall(),
                                m.stalled() ? "; STALLED at " + m.committed() : "",
                                m.cpuNote(),
                                settings));
                return List.of(live, queued);
            }
        }
    }

    /**
     * 4d and 4e: as 4b (Mosquitto, live load, warm hubs), with the hub's store on PostgreSQL (a server of its
     * own on this machine, with durable commits like the SQLite hub's), first with one hub instance, then with two
     * sharing the gates' messages through the shared subscription, each on a fresh database.
     */
    private static List<Figure> postgres(Path dir, int gates, int perGate) throws Exception {
        String settings = "Mosquitto with the production settings, max_inflight_messages "
                + ProductionMosquitto.inflight() + "; PostgreSQL " + BenchPostgres.version()
                + " on this machine, fsync and synchronous_commit on";
        List<Figure> figures = new ArrayList<>();
        try (BenchPostgres pg = BenchPostgres.start();
                ProductionMosquitto broker = ProductionMosquitto.start(dir.resolve("broker"), FreePorts.pick())) {
            double alone = MqttLoadGenerator.run(
                            broker.port(), load(gates, perGate, "bench/alone", "load-gate"), 0, TIMEOUT, () -> false)
                    .perSecond();
            for (int instances = 1; instances <= 2; instances++) {
                String db = pg.createDatabase();
                List<HubProcess> hubs = new ArrayList<>();
                try {
                    for (int i = 1; i <= instances; i++) {
                        hubs.add(HubProcess.postgres(
                                dir.resolve("hub-" + instances + "-" + i),
                                broker.url(),
                                db,
                                pg.user(),
                                "bench-hub-" + i));
                    }
                    Measured m = measure(broker.port(), hubs, gates, perGate);
                    figures.add(figure(
                            instances == 1 ? "4d" : "4e",
                            instances == 1
                                    ? "Hub ingest, Mosquitto, PostgreSQL, one hub"
                                    : "Hub ingest, Mosquitto, PostgreSQL, two hubs (shared subscription)",
                            m,
                            alone,
                            gates,
                            perGate,
                            settings + (instances == 1 ? "" : "; the CPU time is both hubs' together")));
                } finally {
                    for (HubProcess h : hubs) {
                        h.close();
                    }
                }
            }
        }
        return figures;
    }

    /** Sustained and overall committed rates, how many were committed of how many, and whether ingest stalled. */
    private record Measured(
            double sustained,
            double overall,
            long committed,
            long total,
            boolean stalled,
            double publishedPerSecond,
            double cpuPerEntryMicros,
            double cores,
            Measured warmUp) {

        Measured afterWarmUp(Measured first) {
            return new Measured(
                    sustained, overall, committed, total, stalled, publishedPerSecond, cpuPerEntryMicros, cores, first);
        }

        /** The hub process's CPU time (all its threads) per committed entry over the measured part. */
        String cpuNote() {
            return String.format(
                    "; the hub's CPU time in that part: %,.0f µs an entry (%.2f of the %d CPUs)",
                    cpuPerEntryMicros, cores, Runtime.getRuntime().availableProcessors());
        }

        /** How the warm-up on the fresh hub went, for the figure's detail. */
        String warmUpNote() {
            if (warmUp == null) {
                return "";
            }
            return String.format(
                    "; before it, on the freshly started hub, a warm-up of %,d entries from other gates "
                            + "offered at %,.0f/s (committed at %,.0f/s, %,.0f µs of CPU an entry while its JIT "
                            + "compiled%s)",
                    warmUp.total(),
                    WARM_UP_OFFERED_PER_S,
                    warmUp.sustained(),
                    warmUp.cpuPerEntryMicros(),
                    warmUp.stalled() ? String.format(", STALLED at %,d", warmUp.committed()) : "");
        }
    }

    /**
     * A warm-up on the freshly started hub (a third of the load from other gates, offered at
     * {@value #WARM_UP_OFFERED_PER_S}/s, so its JIT compiles the ingest path), then the measured load: the
     * sustained rate of a hub that has been running.
     */
    private static Measured measure(int brokerPort, HubProcess hub, int gates, int perGate) throws Exception {
        return measure(brokerPort, List.of(hub), gates, perGate);
    }

    /** As for one hub; with several (on one database) the CPU time is theirs together. */
    private static Measured measure(int brokerPort, List<HubProcess> hubs, int gates, int perGate) throws Exception {
        Measured warmUp = measure(
                brokerPort, hubs, gates, Math.max(1, perGate / WARM_UP_SHARE), WARM_UP_GATE, WARM_UP_OFFERED_PER_S);
        return measure(brokerPort, hubs, gates, perGate, LIVE_GATE, OFFERED_PER_S)
                .afterWarmUp(warmUp);
    }

    private static Measured measure(
            int brokerPort, List<HubProcess> hubs, int gates, int perGate, String prefix, double offeredPerSecond)
            throws Exception {
        long total = (long) gates * perGate;
        List<MqttLoadGenerator.Gate> load = load(gates, perGate, "gatepost/v1/gates", prefix);
        AtomicBoolean stalled = new AtomicBoolean();
        long t0 = System.nanoTime();
        Poller poller = new Poller(hubs, prefix, total, stalled);
        MqttLoadGenerator.Result published =
                MqttLoadGenerator.run(brokerPort, load, offeredPerSecond, TIMEOUT, stalled::get);
        return poller.result(t0, published.perSecond());
    }

    /**
     * Samples of the hub's committed total for the gates named {@code gatePrefix}… over time, on a thread of its own,
     * until {@code total} are committed or nothing moves for {@link #STALL}.
     */
    private static final class Poller {
        private final List<long[]> samples = new ArrayList<>();
        private final AtomicBoolean stalled;
        private final String gatePrefix;
        private final long total;
        private final Thread thread;
        private volatile Exception failure;

        Poller(HubProcess hub, String gatePrefix, long total, AtomicBoolean stalled) {
            this(List.of(hub), gatePrefix, total, stalled);
        }

        /** Hubs on one database: counted through the first one's, CPU time of all of them. */
        Poller(List<HubProcess> hubs, String gatePrefix, long total, AtomicBoolean stalled) {
            this.gatePrefix = gatePrefix;
            this.total = total;
            this.stalled = stalled;
            this.thread = Thread.ofPlatform().daemon().name("hub-ingest-poller").start(() -> poll(hubs));
        }

        private void poll(List<HubProcess> hubs) {
            try {
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                long committed = -1;
                long progressAt = System.nanoTime();
                while (System.nanoTime() < deadline) {
                    long now = System.nanoTime();
                    long c = hubs.get(0).db().committedTotal(gatePrefix);
                    long cpu = 0;
                    for (HubProcess hub : hubs) {
                        cpu += ProcStats.cpuNanos(hub.pid());
                    }
                    synchronized (samples) {
                        samples.add(new long[] {now, c, cpu});
                    }
                    if (c > committed) {
                        committed = c;
                        progressAt = now;
                    }
                    if (committed >= total) {
                        return;
                    }
                    if (now - progressAt > STALL.toNanos()) {
                        stalled.set(true);
                        return;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        Measured result(long t0, double publishedPerSecond) throws Exception {
            thread.join(TIMEOUT.toMillis());
            if (failure != null) {
                throw failure;
            }
            List<long[]> progress;
            synchronized (samples) {
                progress = List.copyOf(samples);
            }
            long committed = progress.getLast()[1];
            if (committed == 0) {
                // A broker that dropped everything (Moquette under overload): a figure of 0, marked as stalled.
                return new Measured(0, 0, 0, total, true, publishedPerSecond, Double.NaN, Double.NaN, null);
            }
            long[] end = first(progress, committed);
            long[] from = first(progress, committed / 10);
            long[] to = first(progress, committed * 9 / 10);
            double overall = committed / ((end[0] - t0) / 1e9);
            double sustained = to[0] > from[0] ? (to[1] - from[1]) / ((to[0] - from[0]) / 1e9) : overall;
            double cpuPerEntryMicros = to[1] > from[1] ? (to[2] - from[2]) / 1e3 / (to[1] - from[1]) : Double.NaN;
            double cores = to[0] > from[0] ? (double) (to[2] - from[2]) / (to[0] - from[0]) : Double.NaN;
            return new Measured(
                    sustained,
                    overall,
                    committed,
                    total,
                    stalled.get(),
                    publishedPerSecond,
                    cpuPerEntryMicros,
                    cores,
                    null);
        }
    }

    private static long[] first(List<long[]> samples, long atLeast) {
        for (long[] s : samples) {
            if (s[1] >= atLeast) {
                return s;
            }
        }
        return samples.getLast();
    }

    private static Figure figure(
            String id, String title, Measured m, double alone, int gates, int perGate, String broker) {
        String detail = String.format(
                "%,d gates, one MQTT connection each, %d entries each (%,d), single entries at "
                        + "QoS 1 offered at %,.0f/s in all (acknowledged by the broker at %,.0f/s); committed at the hub "
                        + "(sum of its per-gate high-water marks) between 10%% and 90%% of the total; overall %,.0f/s%s%s. "
                        + "%s; hub in its own JVM. Reference: the same gates publishing as fast as the same broker "
                        + "acknowledges, nobody subscribed",
                gates,
                perGate,
                (long) gates * perGate,
                OFFERED_PER_S,
                m.publishedPerSecond(),
                m.overall(),
                m.stalled()
                        ? String.format(
                                "; STALLED: ingest made no progress for %d s at %,d of %,d committed",
                                STALL.toSeconds(), m.committed(), m.total())
                        : "",
                m.cpuNote() + m.warmUpNote(),
                broker);
        return new Figure(
                id,
                title,
                m.sustained(),
                "entries/s",
                Target.atLeast(TARGET_ENTRIES_PER_S, "≥ 10,000/s"),
                new Reference("broker alone (no hub subscribed)", alone, "msg/s"),
                detail);
    }

    /**
     * {@code gates} gates named {@code prefix-NNNN} with {@code perGate} admitted entries each, a random epoch per
     * gate, on {@code root}/{gate}/entries.
     */
    static List<MqttLoadGenerator.Gate> load(int gates, int perGate, String root, String prefix) {
        SplittableRandom random = new SplittableRandom(4);
        List<MqttLoadGenerator.Gate> out = new ArrayList<>(gates);
        for (int g = 0; g < gates; g++) {
            String gate = String.format("%s-%04d", prefix, g);
            byte[] epochBytes = new byte[8];
            random.nextBytes(epochBytes);
            String epoch = HexFormat.of().formatHex(epochBytes);
            List<byte[]> payloads = new ArrayList<>(perGate);
            for (int s = 1; s <= perGate; s++) {
                payloads.add(EntryJson.toJson(new Entry(gate, epoch, s, SampleDrafts.admit(s)))
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.add(new MqttLoadGenerator.Gate(gate, root + "/" + gate + "/entries", payloads));
        }
        return out;
    }
}
