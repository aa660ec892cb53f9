package org.gatepost.simulator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./gatepost bench}: runs the benchmark suite, prints every figure with its target and its ratio to the
 * reference measured in the same run, and with {@code --report FILE} (a full run of every benchmark only) writes
 * the measured section of {@code docs/performance.md}.
 *
 * <pre>
 * --scale full|smoke   sizes (default full: what the issue asks; smoke: seconds, for CI)
 * --only 1,2,7         run only these benchmarks (figure numbers)
 * --work DIR           working directory (default target/bench under the current directory)
 * --report FILE        write the Markdown report there
 * --command TEXT       the command line to quote in the report
 * --agent-config K=V,… override agent configuration keys of the benchmark gates (figures 2, 3, 5, 6), to compare
 * --agent-flags "…"    extra JVM flags for every agent JVM, to compare
 * --broker-inflight N  Mosquitto's max_inflight_messages instead of the production 1,000, to compare
 * --hub-flags "…"      extra JVM flags for every hub JVM (e.g. -XX:StartFlightRecording=…), to look inside
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Scale scale = Scale.FULL;
        Set<String> only = new LinkedHashSet<>();
        Path work = Path.of("target", "bench");
        Path report = null;
        String command = "./gatepost bench";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--scale" -> scale = Scale.named(args[++i]);
                case "--only" -> only.addAll(Arrays.asList(args[++i].split(",")));
                case "--work" -> work = Path.of(args[++i]);
                case "--report" -> report = Path.of(args[++i]);
                case "--command" -> command = args[++i];
                case "--agent-config" -> System.setProperty(Programs.AGENT_CONFIG_PROPERTY, args[++i]);
                case "--agent-flags" -> System.setProperty(Programs.AGENT_FLAGS_PROPERTY, args[++i]);
                case "--broker-inflight" -> System.setProperty(ProductionMosquitto.INFLIGHT_PROPERTY, args[++i]);
                case "--hub-flags" -> System.setProperty(Programs.HUB_FLAGS_PROPERTY, args[++i]);
                default -> {
                    System.err.println(
                            "gatepost bench: unknown argument " + a
                                    + " (known: --scale full|smoke, --only 1,2,..., --work DIR, --report FILE, --command TEXT,"
                                    + " --agent-config key=value,..., --agent-flags \"-XX:...\", --hub-flags \"-XX:...\", --broker-inflight N)");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(work);
        // Before any logger exists: what the emulators and stores in this JVM log goes to a file, not between figures.
        System.setProperty(
                "org.slf4j.simpleLogger.logFile",
                work.resolve("bench-harness.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        BenchEnv env = new BenchEnv(scale, work.toAbsolutePath(), System.out);
        String loadBefore = Machine.loadAverage();
        long t0 = System.nanoTime();
        List<Figure> figures = BenchSuite.run(env, only);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println();
        System.out.print(FigureTable.text(figures));
        if (report != null && scale == Scale.FULL && only.isEmpty()) {
            Map<String, String> machine = new LinkedHashMap<>(Machine.describe(work));
            machine.put("Load average (1, 5, 15 min) before / after", loadBefore + " / " + Machine.loadAverage());
            PerformanceReport.write(report, figures, machine, command, scale, seconds);
            System.out.println("report written to " + report);
        } else if (report != null) {
            System.out.println("report not written: only a full run of every benchmark goes into " + report);
        }
        System.exit(0); // Paho and Pi4J may leave non-daemon threads behind
    }
}
