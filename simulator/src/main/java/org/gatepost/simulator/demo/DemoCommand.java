package org.gatepost.simulator.demo;

import org.gatepost.agent.Agent;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.hub.Hub;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.simulator.crowd.Community;
import org.gatepost.simulator.crowd.Crowd;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.pty.SocatPtyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** {@code demo}: a hub with its embedded broker and N gates with emulated hardware and residents arriving. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the hub (embedded MQTT broker) and simulated gates with residents arriving, some with fever.")
public final class DemoCommand implements Callable<Integer> {
    static final String DEMO_SECRET = "gatepost-demo-community-secret";
    /** The demo community's time zone ({@code hub.zone}). */
    static final String DEMO_ZONE = "Asia/Shanghai";
    /** The demo hub's operator account: user {@code admin} with this password (printed on the banner). */
    static final String DEMO_ADMIN_PASSWORD = "gatepost-demo";
    /** Households of the simulated community whose members arrive at the gates. */
    static final int COMMUNITY_HOUSEHOLDS = 40;
    private static final String[] GATE_NAMES = {"north-gate", "south-gate", "east-gate", "west-gate"};

    @Option(names = "--gates", defaultValue = "3", description = "number of gates (default ${DEFAULT-VALUE})")
    int gates;
    @Option(names = "--http-port", defaultValue = "8080", description = "dashboard port (default ${DEFAULT-VALUE})")
    int httpPort;
    @Option(names = "--broker-port", defaultValue = "1883", description = "embedded MQTT broker port (default ${DEFAULT-VALUE})")
    int brokerPort;
    @Option(names = "--data", defaultValue = "demo-data", description = "folder for the demo's databases; wiped at start (default ${DEFAULT-VALUE})")
    Path data;
    @Option(names = "--fever-rate", defaultValue = "0.15", description = "fraction of residents with fever (default ${DEFAULT-VALUE})")
    double feverRate;
    @Option(names = "--interval", defaultValue = "6", description = "mean seconds between arrivals at a gate (default ${DEFAULT-VALUE})")
    int intervalSeconds;
    @Option(names = "--tcp", description = "connect devices over TCP ports instead of socat pseudo-terminals")
    boolean tcp;
    @Option(names = "--seed", defaultValue = "2020", description = "random seed of the crowd (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (gates < 1 || gates > 50) throw new IllegalArgumentException("--gates must be 1..50");
        wipe(data);
        Files.createDirectories(data);
        boolean pty = !tcp && SocatPtyPair.available();
        HubConfig hubConfig = HubConfigParser.parse(Map.of(
                "http.port", String.valueOf(httpPort),
                "broker.port", String.valueOf(brokerPort),
                "store.path", data.resolve("hub.db").toAbsolutePath().toString(),
                "community.secret", DEMO_SECRET,
                "admin.password", DEMO_ADMIN_PASSWORD,
                // The demo community's days (reports, "today", quarantine ends), whatever the machine's zone.
                "hub.zone", DEMO_ZONE));
        Hub hub = Hub.start(hubConfig, Clock.systemUTC());
        List<AutoCloseable> running = new ArrayList<>();
        running.add(hub);
        Community community = Community.generate(seed, COMMUNITY_HOUSEHOLDS);
        try {
            DemoLists.load(hub.lists(), community, DEMO_SECRET, Clock.systemUTC());
        } catch (Exception e) {
            hub.close();
            throw e;
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < gates; i++) {
            String gateId = i < GATE_NAMES.length ? GATE_NAMES[i] : "gate-" + (i + 1);
            SimulatedGate gate = SimulatedGate.start(gateId, data.resolve("dev"), pty, true);
            running.add(gate);
            java.util.Properties props = GateAgents.properties(gateId, gate, hub.brokerUrl(), DEMO_SECRET,
                    data.resolve(gateId + ".db"));
            props.putAll(gate.readerProperties());
            AgentConfig cfg = GateAgents.config(props, data);
            Agent agent = Agent.start(cfg, Clock.systemUTC());
            running.add(agent);
            running.add(new Crowd(gate, Duration.ofSeconds(intervalSeconds), Duration.ofMillis(2500), feverRate,
                    true, 0.05, random.split(), community, DemoLists.RETEST_REST.plusSeconds(5)).start());
            lines.add(String.format("  %-11s thermometer %s  id card %s", gateId, gate.thermometerPortSpec(), gate.idcardPortSpec()));
            agent.consolePort().ifPresent(port -> lines.add(String.format("  %-11s console     http://127.0.0.1:%d/", gateId, port)));
        }
        System.out.println();
        System.out.println("Gatepost demo is running.");
        System.out.println("  Dashboard: " + hub.dashboardUrl());
        System.out.println("  Login:     user admin, password " + DEMO_ADMIN_PASSWORD + " (demo only)");
        System.out.println("  API:       " + hub.dashboardUrl().replaceAll("/$", "") + "/api/entries");
        System.out.println("  Broker:    " + hub.brokerUrl() + " (embedded)");
        System.out.println("  Devices (" + (pty ? "socat pseudo-terminals" : "TCP ports") + "):");
        lines.forEach(System.out::println);
        System.out.println("Residents arrive every ~" + intervalSeconds + " s per gate; about "
                + Math.round(feverRate * 100) + "% have a fever. Press Ctrl-C to stop.");
        System.out.println("Lists: " + community.members().size() + " people in " + COMMUNITY_HOUSEHOLDS
                + " households (about 1 in " + Community.UNREGISTERED_EVERY + " not registered); household "
                + community.quarantinedHousehold() + " in home quarantine, " + community.blockedHousehold()
                + " blocked, one volunteer badge; a fever reading is measured again after "
                + DemoLists.RETEST_REST.toSeconds() + " s of rest.");
        System.out.println();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    System.err.println("demo: stopping " + running.get(i) + " failed: " + e);
                }
            }
            stopped.countDown();
        }, "demo-shutdown"));
        stopped.await();
        return 0;
    }

    private static void wipe(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
