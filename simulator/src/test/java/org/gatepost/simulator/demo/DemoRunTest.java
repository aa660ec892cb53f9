package org.gatepost.simulator.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatepost.hub.testing.ApiSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gatepost demo} as a user runs it, in a JVM of its own with emulated devices on socat ptys: quiet at start
 * and at stop, its dashboard on loopback unless {@code --bind} says otherwise, and a rerun that deletes only what
 * the demo made in its {@code --data} folder.
 */
class DemoRunTest {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final Pattern DASHBOARD = Pattern.compile("Dashboard: http://([^/]+):(\\d+)/");
    /** A WARN or ERROR line of slf4j-simple, or one of the JVM's own WARNING lines. */
    private static final Pattern WARNING = Pattern.compile("\\] (WARN|ERROR) |^WARNING:");
    /** The hub's alerts (a fever, a quarantine breach) are WARN lines by design: what the demo is there to show. */
    private static final Pattern ALERT = Pattern.compile("\\] WARN MessageHandler - event=alert-raised kind=");

    private static final String BANNER_END = "Press Ctrl-C to stop.";

    @TempDir
    Path tmp;

    /** The lines of one run's standard error, split where the banner appeared and where the stop began. */
    private record RunLog(List<String> start, List<String> running, List<String> stop) {
        List<String> warnings(List<String> lines) {
            return lines.stream()
                    .filter(l -> WARNING.matcher(l).find() && !ALERT.matcher(l).find())
                    .toList();
        }
    }

    /** Checks made on the running demo. */
    private interface WhileRunning {
        void check(SimulatorProcess demo) throws Exception;
    }

    private static RunLog runAndStop(SimulatorProcess demo, boolean awaitDecision) throws Exception {
        return runAndStop(demo, awaitDecision, d -> {});
    }

    private static RunLog runAndStop(SimulatorProcess demo, boolean awaitDecision, WhileRunning whileRunning)
            throws Exception {
        demo.awaitLine(l -> l.contains(BANNER_END), START, "banner");
        int started = (int) demo.stderr().count();
        if (awaitDecision) {
            demo.awaitLine(l -> l.contains("event=decision"), START, "a decision at a gate");
        }
        whileRunning.check(demo);
        demo.stop(STOP);
        List<String> err = demo.stderr().toList();
        int stopping = indexOf(err, "event=demo-stopping");
        assertTrue(stopping >= started, "no event=demo-stopping line after the banner:\n" + String.join("\n", err));
        assertTrue(
                err.get(err.size() - 1).contains("event=demo-stopped"),
                "the stop did not finish:\n" + String.join("\n", err));
        return new RunLog(err.subList(0, started), err.subList(started, stopping), err.subList(stopping, err.size()));
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static void assertQuiet(RunLog log) {
        List<String> atStart = log.warnings(log.start());
        List<String> atStop = log.warnings(log.stop());
        System.out.printf(
                "demo run: %d lines at start, %d while running (%d alerts), %d at stop; WARN/ERROR at start %d,"
                        + " at stop %d%n",
                log.start().size(),
                log.running().size(),
                log.running().stream().filter(l -> ALERT.matcher(l).find()).count(),
                log.stop().size(),
                atStart.size(),
                atStop.size());
        assertEquals(List.of(), atStart, "WARN/ERROR lines at start");
        assertEquals(List.of(), atStop, "WARN/ERROR lines at stop");
        assertEquals(
                List.of(),
                log.warnings(log.running()).stream()
                        .filter(l -> l.contains(" ERROR "))
                        .toList(),
                "ERROR lines while running");
    }

    private static String[] demoArgs(Path data, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "demo", "--data", data.toString(), "--http-port", "0", "--broker-port", "0", "--interval", "1"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Matcher dashboard(SimulatorProcess demo) throws IOException {
        String line =
                demo.stdout().filter(l -> l.contains("Dashboard:")).findFirst().orElseThrow();
        Matcher m = DASHBOARD.matcher(line);
        assertTrue(m.find(), line);
        return m;
    }

    @Test
    void startsAndStopsWithoutWarningsAndARerunDeletesOnlyWhatTheDemoMade() throws Exception {
        Path data = tmp.resolve("demo-data");
        try (SimulatorProcess demo = SimulatorProcess.start(tmp.resolve("logs"), demoArgs(data, "--gates", "2"))) {
            assertQuiet(runAndStop(demo, true, DemoRunTest::showsTheVisitorPassAndTheMetrics));
            assertEquals("127.0.0.1", dashboard(demo).group(1));
        }
        assertTrue(Files.exists(data.resolve(DemoFolder.MARKER)));
        assertTrue(Files.exists(data.resolve("south-gate.db")));
        Files.writeString(data.resolve("notes.txt"), "mine");

        try (SimulatorProcess demo = SimulatorProcess.start(tmp.resolve("logs"), demoArgs(data, "--gates", "1"))) {
            assertQuiet(runAndStop(demo, false));
        }
        assertEquals("mine", Files.readString(data.resolve("notes.txt")));
        assertFalse(Files.exists(data.resolve("south-gate.db")), "the first run's second gate is still there");
        assertTrue(Files.exists(data.resolve("north-gate.db")));
        assertFalse(DemoFolder.readMarker(data.resolve(DemoFolder.MARKER)).contains("south-gate.db"));
    }

    private static final Pattern VISITOR =
            Pattern.compile("Visitor: +(http://\\S+/api/passes/([0-9a-f]{16})/qr\\.png)");
    private static final Pattern METRICS =
            Pattern.compile("Metrics: +(http://\\S+/metrics) \\(header Authorization: Bearer (\\S+),");

    /**
     * The banner names the visitor pass's QR image and the metrics endpoint; the image (signed in as admin) is a PNG,
     * the metrics answer with the printed token, and the first gate checks the pass and admits the visitor.
     */
    private static void showsTheVisitorPassAndTheMetrics(SimulatorProcess demo) throws Exception {
        String out = String.join("\n", demo.stdout().toList());
        Matcher visitor = VISITOR.matcher(out);
        Matcher metrics = METRICS.matcher(out);
        assertTrue(visitor.find(), out);
        assertTrue(metrics.find(), out);
        var http = HttpClient.newHttpClient();
        Matcher dash = dashboard(demo);
        var admin = ApiSession.login(Integer.parseInt(dash.group(2)), "admin", "gatepost-demo");
        var png = admin.getBytes(visitor.group(1).replaceFirst("^http://[^/]+", ""));
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        var scrape = http.send(
                HttpRequest.newBuilder(URI.create(metrics.group(1)))
                        .header("Authorization", "Bearer " + metrics.group(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().contains("gatepost_"), "Prometheus text with the hub's metrics");
        demo.awaitLine(
                l -> l.contains("event=pass-checked outcome=valid") && l.contains(visitor.group(2)),
                START,
                "the first gate checking the visitor pass");
        demo.awaitLine(l -> l.contains("decision=admit-visitor"), START, "the visitor admitted");
    }

    @Test
    void theDashboardListensOnLoopbackUnlessBindSaysOtherwise() throws Exception {
        Optional<InetAddress> lan = nonLoopbackAddress();
        if (lan.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(
                    "this CI machine has no non-loopback IPv4 address to test the dashboard's bind with");
        }
        assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address");
        InetAddress address = lan.get();
        Path data = tmp.resolve("demo-data");
        try (SimulatorProcess demo = SimulatorProcess.start(tmp.resolve("logs"), demoArgs(data, "--gates", "1"))) {
            demo.awaitLine(l -> l.contains(BANNER_END), START, "banner");
            int port = Integer.parseInt(dashboard(demo).group(2));
            connect(InetAddress.getLoopbackAddress(), port);
            assertThrows(
                    ConnectException.class,
                    () -> connect(address, port),
                    "the dashboard answers on " + address.getHostAddress() + " without --bind");
            demo.stop(STOP);
        }
        try (SimulatorProcess demo = SimulatorProcess.start(
                tmp.resolve("logs"), demoArgs(data, "--gates", "1", "--bind", address.getHostAddress()))) {
            demo.awaitLine(l -> l.contains(BANNER_END), START, "banner");
            Matcher m = dashboard(demo);
            assertEquals(address.getHostAddress(), m.group(1));
            connect(address, Integer.parseInt(m.group(2)));
            assertTrue(
                    demo.stdout().anyMatch(l -> l.contains("anyone who can reach this machine can sign in")),
                    "no word in the banner that the published password is open to the network");
            demo.stop(STOP);
        }
    }

    @Test
    void withAHealthRedRateTheGatesAskTheSimulatedServiceAndDenyRed() throws Exception {
        Path data = tmp.resolve("demo-data");
        try (SimulatorProcess demo =
                SimulatorProcess.start(tmp.resolve("logs"), demoArgs(data, "--gates", "1", "--health-red-rate", "1"))) {
            demo.awaitLine(l -> l.contains(BANNER_END), START, "banner");
            assertTrue(
                    demo.stdout().anyMatch(l -> l.contains("Health:    http://127.0.0.1:")),
                    "the banner names the service");
            demo.awaitLine(
                    l -> l.contains("event=decision") && l.contains("health=red health_source=simulated"),
                    START,
                    "a decision with the service's red colour");
            demo.stop(STOP);
        }
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 5000);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(nif -> {
                    try {
                        return nif.isUp() && !nif.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
    }
}
