package org.gatepost.simulator.bench;

import java.time.Duration;

/**
 * How big each benchmark runs. {@link #FULL} is what the issue asks for and what {@code docs/performance.md}
 * reports; {@link #SMOKE} only proves in CI that every figure can still be produced (a few seconds each).
 *
 * @param name           {@code full} or {@code smoke}, printed with the results
 * @param scans          figure 1: scans through the gate
 * @param bareCommits    references 1 and 6: bare SQLite commits
 * @param backlog        figures 2 and 3: entries waiting in the draining gate's outbox
 * @param idleFevers     figure 3's reference: fever scans with no drain going on
 * @param gates          figure 4: simulated gates publishing at once
 * @param entriesPerGate figure 4: entries each of them publishes
 * @param steadyScans    figures 5 and 6: scans at one per second while memory and disk writes are watched
 * @param jmhForks       figure 7: JMH forks (0 runs in the suite's own JVM)
 * @param jmhWarmups     figure 7: warm-up iterations, each {@code jmhWarmup} long
 * @param jmhMeasurements figure 7: measured iterations, each {@code jmhMeasure} long
 * @param settle         figures 5 and 6: quiet time after a start and after the last scan before counters are read
 */
public record Scale(
        String name,
        int scans,
        int bareCommits,
        int backlog,
        int idleFevers,
        int gates,
        int entriesPerGate,
        int steadyScans,
        int jmhForks,
        int jmhWarmups,
        Duration jmhWarmup,
        int jmhMeasurements,
        Duration jmhMeasure,
        Duration settle) {

    public static final Scale FULL = new Scale(
            "full",
            10_000,
            2_000,
            100_000,
            40,
            1_000,
            100,
            120,
            1,
            3,
            Duration.ofSeconds(1),
            5,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));

    public static final Scale SMOKE = new Scale(
            "smoke",
            30,
            50,
            2_000,
            3,
            20,
            10,
            2,
            0,
            1,
            Duration.ofMillis(50),
            1,
            Duration.ofMillis(100),
            Duration.ofMillis(300));

    /** Time between fever scans at gate A while gate B drains (figure 3). */
    public static final Duration FEVER_SCAN_INTERVAL = Duration.ofMillis(50);

    public static Scale named(String name) {
        return switch (name) {
            case "full" -> FULL;
            case "smoke" -> SMOKE;
            default -> throw new IllegalArgumentException("scale must be full or smoke, got " + name);
        };
    }
}
