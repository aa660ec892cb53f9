package org.gatepost.simulator.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.agent.identity.HashScheme;
import org.gatepost.hub.lists.HashUpgrade;
import org.gatepost.hub.lists.ImportReport;
import org.gatepost.hub.lists.ResidentImport;
import org.gatepost.simulator.idcard.SyntheticResidents;

/**
 * Measures what hash scheme v2 costs where it runs ({@code docs/security.md}, {@code docs/performance.md}):
 * {@code scan N} hashes N ID cards as the gate does per scan and prints the wall time's p50/p99 and the mean CPU
 * time (run it under the gate's JVM flags); {@code import N} runs the hub's residents import of N residents and
 * its {@link HashUpgrade} and prints both times (run it under the hub's flags, {@code -Xmx256m}).
 */
public final class HashCost {
    private static final String SECRET = "example-community-secret";

    private HashCost() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "scan" -> scan(n);
            case "import" -> importResidents(n);
            default -> throw new IllegalArgumentException("scan N | import N");
        }
    }

    private static void scan(int n) {
        CredentialHasher hasher = new CredentialHasher(SECRET);
        SyntheticResidents cards = new SyntheticResidents(new SplittableRandom(1));
        String[] numbers = new String[n + n / 5];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = cards.next().idNumber();
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n / 5; i++) {
            hasher.idCard(numbers[i], HashScheme.V2);
        }
        long[] wall = new long[n];
        long cpu0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            hasher.idCard(numbers[n / 5 + i], HashScheme.V2);
            wall[i] = System.nanoTime() - t0;
        }
        double cpuMs = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e6 / n;
        Arrays.sort(wall);
        System.out.printf(
                Locale.ROOT,
                "scan hash v2, %d cards after %d warm-up: wall p50 %.3f ms, p99 %.3f ms, max %.3f ms;"
                        + " CPU %.3f ms a hash; JVM %s%n",
                n,
                n / 5,
                wall[n / 2] / 1e6,
                wall[(int) (n * 0.99)] / 1e6,
                wall[n - 1] / 1e6,
                cpuMs,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    private static void importResidents(int n) throws Exception {
        SyntheticResidents cards = new SyntheticResidents(new SplittableRandom(2));
        StringBuilder csv = new StringBuilder("姓名,身份证号,户\n");
        for (int i = 0; i < n; i++) {
            csv.append("居民")
                    .append(i)
                    .append(',')
                    .append(cards.next().idNumber())
                    .append(',')
                    .append(i / 3)
                    .append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        ImportReport report =
                new ResidentImport(new org.gatepost.hub.lists.CredentialHasher(SECRET)).read(file, Optional.empty());
        long t1 = System.nanoTime();
        List<ObjectNode> items = report.items();
        HashUpgrade.apply(items);
        long t2 = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "import of %d residents (%d valid, %d repeated numbers refused): read and v1"
                        + " %.1f s, v2 on %d threads %.1f s (%.2f ms a resident); max heap %d MiB%n",
                n,
                items.size(),
                report.errors().size(),
                (t1 - t0) / 1e9,
                HashUpgrade.threads(),
                (t2 - t1) / 1e9,
                (t2 - t1) / 1e6 / items.size(),
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
