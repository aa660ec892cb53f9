package org.gatepost.simulator.bench;

import static org.gatepost.simulator.bench.Figure.Reference;
import static org.gatepost.simulator.bench.Figure.Target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.testing.FreePorts;
import org.gatepost.agent.testing.SampleDrafts;

/**
 * Figures 5 and 6: the agent's footprint as a gate runs it ({@code -Xmx64m -XX:+UseSerialGC}, emulated devices
 * on ptys, Mosquitto with the production settings, the hub acknowledging). Start to ready: from launching the
 * JVM to the agent's {@code event=agent-started} line, and to {@code event=uplink-connected}. Then one scan a
 * second: resident memory ({@code VmRSS}) sampled every {@value #SAMPLE_MILLIS} ms, and the bytes the agent
 * process sent towards the disk ({@code /proc/PID/io} {@code write_bytes}) per committed entry, its log
 * excluded (it goes through a pipe, as to journald on a Pi). References: a bare JVM with the same flags, and
 * one bare SQLite commit. Figure 5e repeats the memory watch with the JVM flags of the deployed systemd unit.
 */
final class FootprintBench {
    static final double TARGET_RSS_MB = 96;
    static final double TARGET_READY_S = 2;
    static final double TARGET_KB_PER_ENTRY = 2;
    static final int ENTRIES_PER_DAY = 20_000;
    private static final long SAMPLE_MILLIS = 100;
    private static final long MB = 1024 * 1024;
    private static final double ADMITTED_OBJECT_C = 35.7;

    private FootprintBench() {}

    static List<Figure> run(BenchEnv env) throws Exception {
        Path dir = env.dir("5-footprint");
        Scale scale = env.scale();
        int starts = scale == Scale.SMOKE ? 1 : 3;
        env.say("5 and 6 agent footprint: %d starts, then %d scans at one a second", starts, scale.steadyScans());
        BareJvm.Measured bare = BareJvm.measure(dir, starts, scale.settle());
        BareCommits commit = BareCommits.measure(dir.resolve("bare"), scale.bareCommits());
        double appendBytes = storeAppendBytes(dir.resolve("append-only"), Math.max(50, scale.bareCommits() / 4));
        List<Figure> figures = new ArrayList<>();
        try (ProductionMosquitto broker = ProductionMosquitto.start(dir.resolve("mosquitto"), FreePorts.pick());
                HubProcess hub = HubProcess.external(dir.resolve("hub"), broker.url());
                GateRig gate = new GateRig(dir, "steady-gate", broker.url())) {
            gate.aim(ADMITTED_OBJECT_C);
            double[] started = new double[starts];
            double[] connected = new double[starts];
            for (int i = 0; i < starts; i++) {
                JavaProcess agent = gate.startAgentConnected();
                started[i] = (agent.markedAt(GateRig.AGENT_STARTED) - agent.startedNanos()) / 1e9;
                connected[i] = (agent.markedAt(GateRig.UPLINK_CONNECTED) - agent.startedNanos()) / 1e9;
                if (i < starts - 1) {
                    agent.stop();
                }
            }
            Arrays.sort(started);
            Arrays.sort(connected);
            String startDetail = String.format(
                    "median of %d launches of the agent from %s (database already there after "
                            + "the first); devices on ptys, broker and hub up",
                    starts, Programs.agentLaunchKind());
            Reference bareStart = new Reference(
                    "bare JVM with the same flags, launch to its first line", bare.startMillis() / 1000, "s");
            figures.add(new Figure(
                    "5c",
                    "Agent start to ready (event=agent-started)",
                    started[starts / 2],
                    "s",
                    Target.atMost(TARGET_READY_S, "≤ 2 s"),
                    bareStart,
                    startDetail));
            figures.add(new Figure(
                    "5d",
                    "Agent start to uplink connected",
                    connected[starts / 2],
                    "s",
                    Target.atMost(TARGET_READY_S, "≤ 2 s"),
                    bareStart,
                    startDetail));
            Steady s = steady(gate, gate.agent(), scale.steadyScans(), scale.settle());
            figures.add(
                    0,
                    new Figure(
                            "5a",
                            "Agent resident memory at 1 scan/s (peak VmRSS)",
                            s.peakRss / (double) MB,
                            "MB",
                            Target.atMost(TARGET_RSS_MB, "≤ 96 MB"),
                            new Reference("bare JVM with the same flags, idle", bare.rssBytes() / (double) MB, "MB"),
                            String.format(
                                    "%d scans at one a second; VmRSS every %d ms; VmHWM over the whole process life %.1f MB",
                                    s.entries, SAMPLE_MILLIS, s.hwm / (double) MB)));
            double kbPerEntry = s.bytesPerEntry / 1024;
            String diskDetail = String.format(
                    "write_bytes of the agent process over %d entries at one a second, each "
                            + "committed (WAL, synchronous=FULL) and then marked acknowledged; the store's append alone "
                            + "(no uplink) writes %.1f KB; the agent's log, were it on the same disk, adds %.2f KB an entry",
                    s.entries, appendBytes / 1024, s.logBytesPerEntry / 1024);
            figures.add(new Figure(
                    "6a",
                    "Agent disk writes per entry",
                    kbPerEntry,
                    "KB",
                    Target.atMost(TARGET_KB_PER_ENTRY, "≤ 2 KB"),
                    new Reference("one bare SQLite commit of one entry", commit.bytesPerCommit() / 1024, "KB"),
                    diskDetail));
            figures.add(new Figure(
                    "6b",
                    "Agent disk writes a day at 20,000 entries",
                    s.bytesPerEntry * ENTRIES_PER_DAY / MB,
                    "MB",
                    Target.atMost(TARGET_KB_PER_ENTRY * 1024 * ENTRIES_PER_DAY / MB, "≤ 39 MB (2 KB × 20,000)"),
                    new Reference("20,000 bare SQLite commits", commit.bytesPerCommit() * ENTRIES_PER_DAY / MB, "MB"),
                    "6a × 20,000"));

            gate.agent().stop();
            List<String> deployed = Programs.deployedAgentJvm();
            JavaProcess agent = gate.startAgentConnected(deployed);
            double deployedStart = (agent.markedAt(GateRig.AGENT_STARTED) - agent.startedNanos()) / 1e9;
            Steady d = steady(gate, agent, Math.max(1, scale.steadyScans() / 2), scale.settle());
            figures.add(new Figure(
                    "5e",
                    "Agent resident memory at 1 scan/s, deployed flags (peak VmRSS)",
                    d.peakRss / (double) MB,
                    "MB",
                    Target.atMost(TARGET_RSS_MB, "≤ 96 MB"),
                    new Reference("bare JVM with the issue's flags, idle", bare.rssBytes() / (double) MB, "MB"),
                    String.format(
                            "as 5a with the JVM flags of %s: %s; %d scans; start to ready %.2f s; %.1f KB written "
                                    + "an entry",
                            Programs.AGENT_UNIT,
                            String.join(" ", deployed),
                            d.entries,
                            deployedStart,
                            d.bytesPerEntry / 1024)));
        }
        return figures;
    }

    private record Steady(long peakRss, long hwm, int entries, double bytesPerEntry, double logBytesPerEntry) {}

    /** One scan a second at the running agent. */
    private static Steady steady(GateRig gate, JavaProcess agent, int scans, Duration settle) throws Exception {
        Thread.sleep(settle); // let start-up writes (schema check, first heartbeat) settle
        long pid = agent.pid();
        long seq0 = Outbox.lastSeq(gate.agentDb);
        long written0 = ProcStats.writeBytes(pid);
        long log0 = Files.size(gate.dir.resolve(gate.gateId + "-agent.log"));
        long peak = 0;
        long next = System.nanoTime();
        for (int i = 0; i < scans; i++) {
            // A code of its own each time: the gate's duplicate window outlives a restart of its agent, so a code
            // scanned in an earlier phase would be a duplicate scan here and make no entry.
            gate.scan("steady-" + System.nanoTime());
            next += 1_000_000_000L;
            while (System.nanoTime() < next) {
                peak = Math.max(peak, ProcStats.rssBytes(pid));
                Thread.sleep(SAMPLE_MILLIS);
            }
        }
        Thread.sleep(settle); // the last acknowledgements land
        long written = ProcStats.writeBytes(pid) - written0;
        int entries = (int) (Outbox.lastSeq(gate.agentDb) - seq0);
        long logBytes = Files.size(gate.dir.resolve(gate.gateId + "-agent.log")) - log0;
        long hwm = ProcStats.peakRssBytes(pid);
        if (entries < 1) {
            throw new IllegalStateException("no entry committed during the steady phase");
        }
        return new Steady(peak, hwm, entries, (double) written / entries, (double) logBytes / entries);
    }

    /** Storage write bytes of one {@link SqliteEntryStore#append} on its own, on this thread. */
    private static double storeAppendBytes(Path dir, int appends) throws Exception {
        Files.createDirectories(dir);
        try (SqliteEntryStore store =
                SqliteEntryStore.open(dir.resolve("append.db"), "append-gate", Clock.systemUTC())) {
            for (int i = 0; i < 10; i++) {
                store.append(SampleDrafts.admit(i));
            }
            long before = ProcStats.threadWriteBytes();
            for (int i = 0; i < appends; i++) {
                store.append(SampleDrafts.admit(i));
            }
            return (double) (ProcStats.threadWriteBytes() - before) / appends;
        }
    }
}
