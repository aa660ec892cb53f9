package org.gatepost.simulator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The reference for figure 5: a JVM with the agent's flags that does nothing but say it is ready. How long it
 * takes to get there and how much memory it then holds is the floor under the agent's start and footprint.
 */
public final class BareJvm {
    static final String READY = "bare-jvm-ready";

    /** Its start time (launch to the ready line) and resident memory {@code settle} later, medians of the runs. */
    record Measured(double startMillis, long rssBytes) {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static Measured measure(Path dir, int runs, Duration settle) throws Exception {
        double[] starts = new double[runs];
        long[] rss = new long[runs];
        for (int i = 0; i < runs; i++) {
            try (JavaProcess p = JavaProcess.start(
                    "bare-jvm",
                    Programs.agentJvm(),
                    Programs.onClassPath(BareJvm.class),
                    List.of(),
                    List.of(READY),
                    dir.resolve("bare-jvm-" + i + ".log"))) {
                starts[i] = (p.awaitMarker(READY, Duration.ofSeconds(30)) - p.startedNanos()) / 1e6;
                Thread.sleep(settle);
                rss[i] = ProcStats.rssBytes(p.pid());
            }
        }
        Arrays.sort(starts);
        Arrays.sort(rss);
        return new Measured(starts[runs / 2], rss[runs / 2]);
    }
}
