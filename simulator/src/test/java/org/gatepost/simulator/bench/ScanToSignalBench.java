package org.gatepost.simulator.bench;

import static org.gatepost.simulator.bench.Figure.Reference;
import static org.gatepost.simulator.bench.Figure.Target;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.gatepost.agent.testing.FreePorts;

/**
 * Figure 1: scan to signal, p50 and p99, against one bare SQLite commit on the same disk. Starts Mosquitto and
 * the hub (so the agent's uplink publishes and applies acks as at a real gate) and runs {@link ScanToSignalRun}
 * in a JVM with the gate's flags.
 */
final class ScanToSignalBench {
    static final double TARGET_P99_MS = 20;

    private ScanToSignalBench() {}

    static List<Figure> run(BenchEnv env) throws Exception {
        Path dir = env.dir("1-scan-to-signal");
        int scans = env.scale().scans();
        env.say("1 scan to signal: %d scans", scans);
        Properties r;
        try (ProductionMosquitto broker = ProductionMosquitto.start(dir.resolve("mosquitto"), FreePorts.pick());
                HubProcess hub = HubProcess.external(dir.resolve("hub"), broker.url())) {
            Path results = dir.resolve("results.properties");
            JavaProcess child = JavaProcess.start(
                    "scan-to-signal",
                    Programs.agentJvm(),
                    Programs.onClassPath(ScanToSignalRun.class),
                    List.of(
                            dir.toString(),
                            broker.url(),
                            Integer.toString(scans),
                            Integer.toString(env.scale().bareCommits()),
                            results.toString()),
                    List.of(),
                    dir.resolve("scan-to-signal.log"));
            awaitExit(child, Duration.ofMinutes(30), dir);
            r = load(results);
        }
        String conditions = String.format(
                "%s scans after %s warm-up, %s frames retried (arrived before the credential); "
                        + "each card hashed under scheme v2 (Argon2id) when read, before its temperature frame; agent in a -Xmx64m -XX:+UseSerialGC JVM, uplink to Mosquitto and the hub; max %s ms",
                r.getProperty("scans"),
                r.getProperty("warmup"),
                r.getProperty("retries"),
                Figure.number(Double.parseDouble(r.getProperty("max_ms"))));
        String bare = "bare SQLite commit (WAL, synchronous=FULL), " + r.getProperty("bare.commits") + " commits";
        return List.of(
                new Figure(
                        "1a",
                        "Scan to signal, p50",
                        d(r, "p50_ms"),
                        "ms",
                        null,
                        new Reference(bare + ", p50", d(r, "bare.p50_ms"), "ms"),
                        conditions),
                new Figure(
                        "1b",
                        "Scan to signal, p99",
                        d(r, "p99_ms"),
                        "ms",
                        Target.atMost(TARGET_P99_MS, "< 20 ms"),
                        new Reference(bare + ", p99", d(r, "bare.p99_ms"), "ms"),
                        conditions));
    }

    private static double d(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("scan-to-signal result lacks " + key);
        }
        return Double.parseDouble(v);
    }

    static void awaitExit(JavaProcess child, Duration timeout, Path dir) throws Exception {
        boolean exited = child.awaitExit(timeout);
        child.close();
        if (!exited) {
            throw new IllegalStateException("benchmark child did not finish within " + timeout + "; see " + dir);
        }
    }

    static Properties load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("no results in " + file + "; see the logs next to it");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }
}
