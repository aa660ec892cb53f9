package org.gatepost.simulator.bench;

import static org.gatepost.simulator.bench.Figure.Reference;
import static org.gatepost.simulator.bench.Figure.Target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gatepost.agent.config.OutboxConfig;
import org.gatepost.agent.testing.FreePorts;

/**
 * Figure 2, backlog drain, and figures 5b and 5f, the agent's memory while it drains. A gate's outbox holds the
 * backlog (committed through the agent's own store, as while the broker was unreachable); the agent starts in
 * its own JVM with its network link down, tries and fails to connect; the link comes up; the time runs from the
 * agent's "uplink connected" to the last entry committed at the hub (its high-water mark, read from the hub's
 * database). Broker: Mosquitto with the production settings; hub in its own JVM. Reference: a bare Paho QoS 1
 * publisher ({@link PahoReference}) sending the same payloads one message per entry through the same link to
 * the same broker. Run twice on a warm hub (a drain of a third of the backlog from another gate runs first, so the
 * hub's JIT has compiled its ingest path, as at a hub that has been running): with the JVM flags (2, 5b)
 * and with the deployed unit's (5f).
 */
final class BacklogDrainBench {
    static final double TARGET_ENTRIES_PER_S = 20_000;
    static final double TARGET_RSS_MB = 96;
    static final String CONNECT_FAILED = "event=uplink-connect-failed";
    private static final String GATE = "drain-gate";
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final double MB = 1024 * 1024;
    /** The warm-up drain is this fraction of the measured backlog. */
    private static final int WARM_UP_SHARE = 3;

    private BacklogDrainBench() {}

    /** One drain: how long it took, how long the reconnect took, the agent's peak resident memory, what it sent. */
    private record Drain(double seconds, double reconnectSeconds, long peakRss, List<byte[]> payloads) {}

    static List<Figure> run(BenchEnv env) throws Exception {
        Path dir = env.dir("2-backlog-drain");
        int backlog = env.scale().backlog();
        env.say("2 backlog drain: %,d entries, with the issue's and with the deployed JVM flags", backlog);
        BareJvm.Measured bare = BareJvm.measure(dir, 1, env.scale().settle());
        Drain warmUp;
        Drain drain;
        Drain deployed;
        PahoReference.Rates reference;
        try (ProductionMosquitto broker = ProductionMosquitto.start(dir.resolve("mosquitto"), FreePorts.pick());
                HubProcess hub = HubProcess.external(dir.resolve("hub"), broker.url())) {
            // The figure is a warm hub's, as at a hub that has been running: a smaller drain first warms its JIT.
            warmUp = drain(
                    dir.resolve("warm-up"),
                    GATE + "-warm-up",
                    broker,
                    hub,
                    Math.max(1, backlog / WARM_UP_SHARE),
                    Programs.deployedAgentJvm(),
                    false);
            drain = drain(dir.resolve("issue-flags"), GATE, broker, hub, backlog, Programs.agentJvm(), true);
            env.say("drained %,d in %.2f s; now the reference publishers", backlog, drain.seconds());
            try (GateLink link = new GateLink(FreePorts.pick(), broker.port())) {
                link.up();
                reference = PahoReference.measure(link.url(), "bench/reference/" + GATE + "/entries", drain.payloads());
            }
            deployed = drain(
                    dir.resolve("deployed-flags"),
                    GATE + "-deployed",
                    broker,
                    hub,
                    backlog,
                    Programs.deployedAgentJvm(),
                    false);
        }
        double rate = backlog / drain.seconds();
        String detail = String.format(
                "%,d entries committed in the gate's outbox while its link was down; from the "
                        + "agent's \"uplink connected\" (%.2f s after the link came up: reconnect backoff) to the last "
                        + "one committed at the hub: %.2f s. Agent %s, default batching (%d entries a message, %d in "
                        + "flight); Mosquitto with the production settings; hub in its own JVM. Reference: Paho "
                        + "MqttClient, QoS 1, one message per entry, each publish waiting for its PUBACK, to the same "
                        + "broker through the same kind of link (nobody subscribed); the same pipelined (MqttAsyncClient, "
                        + "%d in flight) reaches %,.0f msg/s to the broker alone. Before it, the freshly started hub "
                        + "took a warm-up drain of %,d entries from another gate at %,.0f entries/s (its JIT compiling)",
                backlog,
                drain.reconnectSeconds(),
                drain.seconds(),
                String.join(" ", Programs.agentJvm()),
                OutboxConfig.DEFAULT_BATCH_SIZE,
                OutboxConfig.DEFAULT_MAX_IN_FLIGHT,
                PahoReference.WINDOW,
                reference.pipelined(),
                Math.max(1, backlog / WARM_UP_SHARE),
                Math.max(1, backlog / WARM_UP_SHARE) / warmUp.seconds());
        Reference idle = new Reference("bare JVM with the same flags, idle", bare.rssBytes() / MB, "MB");
        return List.of(
                new Figure(
                        "2",
                        "Backlog drain to the hub",
                        rate,
                        "entries/s",
                        Target.atLeastAndAboveReference(
                                TARGET_ENTRIES_PER_S, "≥ 20,000/s and faster than the reference"),
                        new Reference(
                                "bare Paho QoS 1 publisher, one message per entry", reference.blocking(), "msg/s"),
                        detail),
                new Figure(
                        "5b",
                        "Agent resident memory while draining (peak VmRSS)",
                        drain.peakRss() / MB,
                        "MB",
                        Target.atMost(TARGET_RSS_MB, "≤ 96 MB"),
                        idle,
                        String.format(
                                "VmRSS of the agent process (%s) sampled every 10 ms during the drain of %,d entries",
                                String.join(" ", Programs.agentJvm()), backlog)),
                new Figure(
                        "5f",
                        "Agent resident memory while draining, deployed flags (peak VmRSS)",
                        deployed.peakRss() / MB,
                        "MB",
                        Target.atMost(TARGET_RSS_MB, "≤ 96 MB"),
                        new Reference("bare JVM with the issue's flags, idle", bare.rssBytes() / MB, "MB"),
                        String.format(
                                "as 5b with the JVM flags of %s: %s (a third gate on the same broker and hub); "
                                        + "that drain ran at %,.0f entries/s",
                                Programs.AGENT_UNIT,
                                String.join(" ", Programs.deployedAgentJvm()),
                                backlog / deployed.seconds())));
    }

    /** A drain of a fresh backlog; with {@code keepPayloads} the outbox's payloads come back for the reference. */
    private static Drain drain(
            Path dir,
            String gateId,
            ProductionMosquitto broker,
            HubProcess hub,
            int backlog,
            List<String> jvm,
            boolean keepPayloads)
            throws Exception {
        try (GateLink link = new GateLink(FreePorts.pick(), broker.port());
                GateRig gate = new GateRig(dir, gateId, link.url())) {
            Outbox.fill(gate.agentDb, gateId, backlog);
            List<byte[]> payloads = keepPayloads ? Outbox.payloads(gate.agentDb) : List.of();
            JavaProcess agent = gate.startAgent(jvm);
            agent.awaitMarker(GateRig.AGENT_STARTED, Duration.ofSeconds(30));
            agent.awaitMarker(CONNECT_FAILED, Duration.ofSeconds(30));
            long linkUp = System.nanoTime();
            link.up();
            long connected = agent.awaitMarker(GateRig.UPLINK_CONNECTED, Duration.ofSeconds(60));
            long peakRss = 0;
            long deadline = connected + DRAIN_TIMEOUT.toNanos();
            while (true) {
                peakRss = Math.max(peakRss, ProcStats.rssBytes(agent.pid()));
                if (hub.db().committedUpTo(gateId) >= backlog) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the backlog did not drain within " + DRAIN_TIMEOUT);
                }
                Thread.sleep(10);
            }
            long done = System.nanoTime();
            return new Drain((done - connected) / 1e9, (connected - linkUp) / 1e9, peakRss, payloads);
        }
    }
}
