package org.gatepost.simulator.demo;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gatepost.agent.Agent;
import org.gatepost.agent.device.serial.SerialShutdown;
import org.gatepost.hub.Hub;
import org.gatepost.hub.broker.EmbeddedBroker;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.simulator.crowd.Community;
import org.gatepost.simulator.crowd.Crowd;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.health.SimulatedHealthService;
import org.gatepost.simulator.pty.SocatPtyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code demo}: a hub with its embedded broker and N gates with emulated hardware and residents arriving. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Runs the hub (embedded MQTT broker) and simulated gates with residents arriving, some with fever.")
public final class DemoCommand implements Callable<Integer> {
    static final String DEMO_SECRET = "gatepost-demo-community-secret";
    /** The demo community's time zone ({@code hub.zone}). */
    static final String DEMO_ZONE = "Asia/Shanghai";
    /** The demo hub's operator account: user {@code admin} with this password (printed on the banner). */
    static final String DEMO_ADMIN_PASSWORD = "gatepost-demo";
    /** The demo hub's {@code metrics.token} (at least 16 characters): published in the banner, demo only. */
    static final String DEMO_METRICS_TOKEN = "gatepost-demo-metrics";
    /** Households of the simulated community whose members arrive at the gates. */
    static final int COMMUNITY_HOUSEHOLDS = 40;

    static final int MAX_GATES = 50;
    private static final String[] GATE_NAMES = {"north-gate", "south-gate", "east-gate", "west-gate"};
    /** The embedded broker listens on this machine only: the demo's gates run in the same process. */
    private static final String BROKER_HOST = "127.0.0.1";

    private static final String NETTY_NO_UNSAFE = "io.netty.noUnsafe";
    private static final String HUB_DB = "hub.db";
    private static final String BROKER_DIR = "broker";
    private static final String DEVICES_DIR = "dev";
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--gates",
            defaultValue = "3",
            paramLabel = "N",
            description = "number of gates, 1.." + MAX_GATES + " (default ${DEFAULT-VALUE})")
    int gates;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDR",
            description =
                    "IP address the dashboard listens on (default ${DEFAULT-VALUE}: this machine only); 0.0.0.0 opens it"
                            + " to the network, with the demo's published password")
    String bind;

    @Option(
            names = "--http-port",
            defaultValue = "8080",
            paramLabel = "P",
            description = "dashboard port, 0 for any free one (default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(
            names = "--broker-port",
            defaultValue = "1883",
            paramLabel = "P",
            description = "embedded MQTT broker port on 127.0.0.1, 0 for any free one (default ${DEFAULT-VALUE})")
    int brokerPort;

    @Option(
            names = "--data",
            defaultValue = "demo-data",
            paramLabel = "DIR",
            description =
                    "folder for the demo's databases (default ${DEFAULT-VALUE}); the next run deletes what this one"
                            + " made there and nothing else; a non-empty folder the demo did not make is refused")
    Path data;

    @Option(
            names = "--fever-rate",
            defaultValue = "0.15",
            paramLabel = "R",
            description = "fraction of residents with fever, 0..1 (default ${DEFAULT-VALUE})")
    double feverRate;

    @Option(
            names = "--health-red-rate",
            defaultValue = "0",
            paramLabel = "R",
            description = "with R above 0 the gates check health codes at a simulated service that calls this fraction"
                    + " of people red, 0..1 (default ${DEFAULT-VALUE}: no health check)")
    double healthRedRate;

    @Option(
            names = "--interval",
            defaultValue = "6",
            paramLabel = "S",
            description = "mean seconds between arrivals at a gate, 1 or more (default ${DEFAULT-VALUE})")
    int intervalSeconds;

    @Option(names = "--tcp", description = "connect devices over TCP ports instead of socat pseudo-terminals")
    boolean tcp;

    @Option(
            names = "--seed",
            defaultValue = "2020",
            paramLabel = "N",
            description = "random seed of the crowd (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        InetAddress bindAddress = checkOptions();
        List<String> gateIds = new ArrayList<>();
        for (int i = 0; i < gates; i++) {
            gateIds.add(i < GATE_NAMES.length ? GATE_NAMES[i] : "gate-" + (i + 1));
        }
        try {
            DemoFolder.prepare(data, folderEntries(gateIds));
        } catch (DemoFolder.RefusedException e) {
            throw new ParameterException(spec.commandLine(), "--data " + e.getMessage());
        }
        boolean pty = !tcp && SocatPtyPair.available();
        Running running = new Running();
        List<String> lines = new ArrayList<>();
        Hub hub;
        String visitorPass;
        Crowd firstCrowd = null;
        if (System.getProperty(NETTY_NO_UNSAFE) == null) {
            // Netty, in the embedded broker, would use sun.misc.Unsafe, which JDK 24 and later report in four WARNING
            // lines at every start. The demo's broker carries a few messages a second: Netty's plain path will do.
            System.setProperty(NETTY_NO_UNSAFE, "true");
        }
        Community community = Community.generate(seed, COMMUNITY_HOUSEHOLDS);
        try {
            running.broker = EmbeddedBroker.start(BROKER_HOST, brokerPort, data.resolve(BROKER_DIR));
            hub = Hub.start(
                    HubConfigParser.parse(Map.of(
                            "mqtt.url", running.broker.url(),
                            "http.host", bind,
                            "http.port", String.valueOf(httpPort),
                            "store.path", data.resolve(HUB_DB).toAbsolutePath().toString(),
                            "community.secret", DEMO_SECRET,
                            "admin.password", DEMO_ADMIN_PASSWORD,
                            // The demo community's days (reports, "today", quarantine ends), whatever the machine's
                            // zone.
                            "hub.zone", DEMO_ZONE,
                            // Published like the admin password: a demo token, for trying /metrics (docs/metrics.md).
                            "metrics.token", DEMO_METRICS_TOKEN)),
                    Clock.systemUTC());
            running.hub = hub;
            DemoLists.load(hub.lists(), community, DEMO_SECRET, Clock.systemUTC());
            SplittableRandom random = new SplittableRandom(seed);
            if (healthRedRate > 0) {
                running.health = SimulatedHealthService.start(0);
                running.health.redShare(healthRedRate);
            }
            for (String gateId : gateIds) {
                SimulatedGate gate = SimulatedGate.start(gateId, data.resolve(DEVICES_DIR), pty, true);
                running.gates.add(gate);
                Properties props = GateAgents.properties(
                        gateId, gate, running.broker.url(), DEMO_SECRET, data.resolve(gateId + ".db"));
                props.putAll(gate.readerProperties());
                if (running.health != null) {
                    props.setProperty("health.provider", "http");
                    props.setProperty("health.url", running.health.url().toString());
                    props.setProperty("health.source", "simulated");
                }
                Agent agent = Agent.start(GateAgents.config(props, data), Clock.systemUTC());
                running.agents.add(agent);
                Crowd crowd = new Crowd(
                        gate,
                        Duration.ofSeconds(intervalSeconds),
                        Duration.ofMillis(2500),
                        feverRate,
                        true,
                        0.05,
                        random.split(),
                        community,
                        DemoLists.RETEST_REST.plusSeconds(5));
                running.crowds.add(crowd);
                if (running.gates.size() > 1) {
                    crowd.start();
                } else {
                    firstCrowd = crowd; // starts once the visitor has passed this gate
                }
                lines.add(String.format(
                        "  %-11s thermometer %s  id card %s",
                        gateId, gate.thermometerPortSpec(), gate.idcardPortSpec()));
                agent.consolePort()
                        .ifPresent(port ->
                                lines.add(String.format("  %-11s console     http://127.0.0.1:%d/", gateId, port)));
            }
            visitorPass = DemoVisitor.issue(hub);
            running.visitor = DemoVisitor.scanWhenReady(
                    running.agents.getFirst(), running.gates.getFirst(), hub, visitorPass, firstCrowd::start);
        } catch (Exception e) {
            running.stop();
            spec.commandLine().getErr().println("gatepost demo: cannot start: " + oneLine(e));
            spec.commandLine().getErr().flush();
            return 1;
        }
        // Before the banner: a Ctrl-C as soon as it shows stops the demo in order.
        CountDownLatch stopped = new CountDownLatch(1);
        SerialShutdown.register(new Thread(
                () -> { // before jSerialComm closes the emulated devices' ports
                    LOG.info("event=demo-stopping");
                    running.stop();
                    LOG.info("event=demo-stopped");
                    stopped.countDown();
                },
                "demo-shutdown"));
        System.out.println();
        System.out.println("Gatepost demo is running.");
        System.out.println("  Dashboard: " + hub.dashboardUrl());
        System.out.println("  Login:     user admin, password " + DEMO_ADMIN_PASSWORD + " (demo only)");
        if (!bindAddress.isLoopbackAddress()) {
            System.out.println("             The dashboard listens on " + bind + " (--bind): anyone who can reach this"
                    + " machine can sign in with that password.");
        }
        System.out.println("  API:       " + hub.dashboardUrl().replaceAll("/$", "") + "/api/entries");
        String base = hub.dashboardUrl().replaceAll("/$", "");
        System.out.println("  Visitor:   " + base + "/api/passes/" + visitorPass + "/qr.png (a one-use visitor pass,"
                + " signed in as admin; " + gateIds.getFirst() + " scans it once the gate has the hub's key)");
        System.out.println("  Metrics:   " + base + "/metrics (header Authorization: Bearer " + DEMO_METRICS_TOKEN
                + ", demo only)");
        System.out.println("  Broker:    " + running.broker.url() + " (embedded)");
        if (running.health != null) {
            System.out.println("  Health:    " + running.health.url() + " (simulated service; about "
                    + Math.round(healthRedRate * 100) + "% of people red)");
        }
        System.out.println("  Data:      " + data + " (the next demo run deletes what this one made there)");
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
        stopped.await();
        return 0;
    }

    /** Checks every option before anything starts; a problem is a {@link ParameterException} naming the option. */
    private InetAddress checkOptions() {
        if (gates < 1 || gates > MAX_GATES) {
            fail("--gates " + gates + " is out of range: 1.." + MAX_GATES);
        }
        if (intervalSeconds < 1) {
            fail("--interval " + intervalSeconds + " is out of range: 1 or more seconds");
        }
        if (!(feverRate >= 0 && feverRate <= 1)) {
            fail("--fever-rate " + feverRate + " is out of range: 0..1");
        }
        if (!(healthRedRate >= 0 && healthRedRate <= 1)) {
            fail("--health-red-rate " + healthRedRate + " is out of range: 0..1");
        }
        checkPortRange("--http-port", httpPort);
        checkPortRange("--broker-port", brokerPort);
        InetAddress address = LocalPorts.literal(bind)
                .orElseThrow(() -> failure("--bind " + bind + " is not an IP address (such as 127.0.0.1 or 0.0.0.0)"));
        LocalPorts.bindProblem(address, 0)
                .ifPresent(p -> fail("--bind " + bind + " is not an address of this machine (" + p + ")"));
        if (httpPort != 0 && httpPort == brokerPort) {
            fail("--broker-port " + brokerPort + " is the same port as --http-port; give them different ones");
        }
        LocalPorts.bindProblem(address, httpPort)
                .ifPresent(p -> fail("--http-port " + httpPort + " is taken on " + bind + " (" + p
                        + "); choose another port, or 0 for any free one"));
        LocalPorts.bindProblem(LocalPorts.literal(BROKER_HOST).orElseThrow(), brokerPort)
                .ifPresent(p -> fail("--broker-port " + brokerPort + " is taken on " + BROKER_HOST + " (" + p
                        + "); choose another port, or 0 for any free one"));
        return address;
    }

    private void checkPortRange(String option, int port) {
        if (port < 0 || port > 65535) {
            fail(option + " " + port + " is out of range: 1..65535, or 0 for any free port");
        }
    }

    private void fail(String message) {
        throw failure(message);
    }

    private ParameterException failure(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** What the run creates in {@code --data}: the databases (with SQLite's side files), the broker's and devices' folders. */
    private static Set<String> folderEntries(List<String> gateIds) {
        Set<String> names = new LinkedHashSet<>(DemoFolder.database(HUB_DB));
        names.add(BROKER_DIR);
        names.add(DEVICES_DIR);
        for (String gateId : gateIds) {
            names.addAll(DemoFolder.database(gateId + ".db"));
        }
        return names;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The demo's parts, stopped in an order in which nobody loses a peer: the crowds (no new arrivals), the hub
     * (it would otherwise raise a gate-offline alert for every gate the demo stops), the agents (each says goodbye
     * to the broker and closes its serial links itself), the emulated devices, and the broker last.
     */
    private static final class Running {
        final List<Crowd> crowds = new ArrayList<>();
        final List<Agent> agents = new ArrayList<>();
        final List<SimulatedGate> gates = new ArrayList<>();
        Hub hub;
        EmbeddedBroker broker;
        /** The demo's visitor ({@link DemoVisitor}), stopped first. */
        Thread visitor;

        SimulatedHealthService health;

        synchronized void stop() {
            if (visitor != null) {
                visitor.interrupt();
                try {
                    visitor.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                visitor = null;
            }
            closeTogether(crowds);
            if (hub != null) {
                closeTogether(List.of(hub));
            }
            closeTogether(agents); // each agent and each gate on its own thread: closing a serial port takes a while
            closeTogether(gates);
            if (broker != null) {
                closeTogether(List.of(broker));
            }
            if (health != null) {
                health.close();
            }
            health = null;
            crowds.clear();
            hub = null;
            agents.clear();
            gates.clear();
            broker = null;
        }

        /** Closes {@code parts} at the same time and returns when all are closed. */
        private static void closeTogether(List<? extends AutoCloseable> parts) {
            List<Thread> threads = new ArrayList<>();
            for (AutoCloseable part : parts) {
                threads.add(Thread.ofPlatform()
                        .name("demo-stop-" + part.getClass().getSimpleName())
                        .start(() -> {
                            try {
                                part.close();
                            } catch (Exception e) {
                                LOG.error(
                                        "event=demo-stop-failed part={} cause=\"{}\"",
                                        part.getClass().getSimpleName(),
                                        e.toString());
                            }
                        }));
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
