package org.gatepost.simulator.bench;

import static org.gatepost.simulator.bench.Figure.Reference;
import static org.gatepost.simulator.bench.Figure.Target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.gatepost.agent.testing.FreePorts;

/**
 * Figure 3: how long a fever at gate A takes to become an alert at the hub while gate B drains its backlog.
 * Both agents run in their own JVMs on emulated devices; A's thermometer is aimed at a forehead with a fever.
 * Per sample: a QR code scanned at A (from its last byte written to the pty) to the fever alert committed in
 * the hub's database (polled every {@value #POLL_MILLIS} ms). Scans follow each other once A has decided
 * the previous one, at most every {@link Scale#FEVER_SCAN_INTERVAL}; the k-th alert of gate A answers the
 * k-th scan. Reference: the same with no drain going on.
 */
final class AlertDuringDrainBench {
    static final double TARGET_P99_MS = 500;
    private static final long POLL_MILLIS = 2;
    /** Object temperature seen by A's thermometer: with the 0.9 °C offset, 39.5 °C, a fever. */
    private static final double FEVER_OBJECT_C = 38.6;

    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(60);

    private AlertDuringDrainBench() {}

    static List<Figure> run(BenchEnv env) throws Exception {
        Path dir = env.dir("3-alert-during-drain");
        int backlog = env.scale().backlog();
        env.say("3 fever alerts at gate A while gate B drains %,d entries", backlog);
        try (ProductionMosquitto broker = ProductionMosquitto.start(dir.resolve("mosquitto"), FreePorts.pick());
                HubProcess hub = HubProcess.external(dir.resolve("hub"), broker.url());
                GateRig a = new GateRig(dir.resolve("a"), "gate-a", broker.url());
                GateRig b = new GateRig(dir.resolve("b"), "gate-b", broker.url())) {
            a.aim(FEVER_OBJECT_C);
            a.startAgentConnected();
            Sampler idle = new Sampler(a, hub.db());
            for (int i = 0; i < env.scale().idleFevers(); i++) {
                idle.scanOnceDecided();
                idle.awaitAlerts(ALERT_TIMEOUT);
            }
            Percentiles idleP = idle.percentiles();

            Outbox.fill(b.agentDb, b.gateId, backlog);
            JavaProcess bAgent = b.startAgent();
            bAgent.awaitMarker(GateRig.UPLINK_CONNECTED, Duration.ofSeconds(60));
            Sampler busy = new Sampler(a, hub.db());
            long drainStart = System.nanoTime();
            Thread scanner = Thread.ofPlatform().daemon().name("gate-a-scanner").start(() -> {
                try {
                    while (!busy.stop) {
                        long next = System.nanoTime() + Scale.FEVER_SCAN_INTERVAL.toNanos();
                        busy.scanOnceDecided();
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                } catch (Exception e) {
                    busy.failure = e;
                }
            });
            long drained = 0;
            while (drained == 0 || busy.scans() == 0) {
                busy.collect();
                if (drained == 0 && hub.db().committedUpTo(b.gateId) >= backlog) {
                    drained = System.nanoTime();
                }
                if (busy.failure != null) {
                    throw busy.failure;
                }
                if (System.nanoTime() - drainStart > Duration.ofMinutes(10).toNanos()) {
                    throw new TimeoutException("gate B did not drain within 10 minutes");
                }
                Thread.sleep(POLL_MILLIS);
            }
            busy.stop = true;
            scanner.join(10_000);
            if (busy.failure != null) {
                throw busy.failure;
            }
            busy.awaitAlerts(ALERT_TIMEOUT);
            Percentiles busyP = busy.percentiles();
            String detail = String.format(
                    "%d fever scans at gate A during gate B's drain of %,d entries (%.1f s), "
                            + "p50 %s ms, max %s ms; reference: %d fever scans with no drain, p50 %s ms. QR code's last "
                            + "byte on the pty to the alert committed in the hub's database (polled every %d ms), so it "
                            + "includes waiting for the thermometer's next frame (14 Hz). Both agents -Xmx64m "
                            + "-XX:+UseSerialGC; Mosquitto with the production settings; hub in its own JVM",
                    busyP.count(),
                    backlog,
                    (drained - drainStart) / 1e9,
                    Figure.number(busyP.millis(50)),
                    Figure.number(busyP.maxMillis()),
                    idleP.count(),
                    Figure.number(idleP.millis(50)),
                    POLL_MILLIS);
            return List.of(new Figure(
                    "3",
                    "Fever alert latency at gate A while gate B drains, p99",
                    busyP.millis(99),
                    "ms",
                    Target.atMost(TARGET_P99_MS, "< 500 ms"),
                    new Reference("same with no drain, p99", idleP.millis(99), "ms"),
                    detail));
        }
    }

    /** Fever scans at gate A and the arrival of their alerts at the hub. */
    private static final class Sampler {
        private final GateRig gate;
        private final HubDb db;
        private final long alertsBefore;
        private final List<Long> scannedAt = new CopyOnWriteArrayList<>();
        private final long[] latencies = new long[100_000];
        private int seen;
        volatile boolean stop;
        volatile Exception failure;

        Sampler(GateRig gate, HubDb db) throws Exception {
            this.gate = gate;
            this.db = db;
            this.alertsBefore = db.feverAlerts(gate.gateId);
        }

        /** Scans a fever and waits until gate A has decided it (so the next scan never cuts its window short). */
        void scanOnceDecided() throws Exception {
            long decisions = gate.agent().count(GateRig.DECISION);
            scannedAt.add(gate.scan("fever-" + System.nanoTime()));
            long deadline = System.nanoTime() + ALERT_TIMEOUT.toNanos();
            while (gate.agent().count(GateRig.DECISION) == decisions) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("gate A did not decide a scan");
                }
                Thread.sleep(1);
            }
        }

        int scans() {
            return scannedAt.size();
        }

        /** Notes the arrival time of every alert that came since the last call. */
        void collect() throws Exception {
            long now = System.nanoTime();
            long alerts = db.feverAlerts(gate.gateId) - alertsBefore;
            while (seen < alerts) {
                if (seen >= scannedAt.size()) {
                    throw new IllegalStateException("more fever alerts than fever scans at " + gate.gateId);
                }
                latencies[seen] = now - scannedAt.get(seen);
                seen++;
            }
        }

        void awaitAlerts(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                collect();
                if (seen == scannedAt.size()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(
                            seen + " alerts for " + scannedAt.size() + " fever scans at " + gate.gateId);
                }
                Thread.sleep(POLL_MILLIS);
            }
        }

        Percentiles percentiles() {
            return new Percentiles(latencies, seen);
        }
    }
}
