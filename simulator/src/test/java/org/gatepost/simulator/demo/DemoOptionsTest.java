package org.gatepost.simulator.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.simulator.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad option of {@code ./gatepost demo} is one line on standard error that names it, exit status 2, and nothing
 * started or touched. Most cases run the command line in this JVM (every check comes before anything starts);
 * two run it as {@code ./gatepost demo} does, in a JVM of its own, to see the real streams and exit status.
 */
@Timeout(120)
class DemoOptionsTest {
    @TempDir
    Path tmp;

    private record Outcome(int exit, List<String> out, List<String> err) {}

    private Outcome inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("demo"));
        if (!List.of(args).contains("--data")) {
            all.addAll(List.of("--data", tmp.resolve("demo-data").toString()));
        }
        all.addAll(List.of(args));
        int exit = Main.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Outcome(
                exit, out.toString().lines().toList(), err.toString().lines().toList());
    }

    private Outcome ownJvm(String... args) throws Exception {
        List<String> all = new ArrayList<>(
                List.of("demo", "--data", tmp.resolve("demo-data").toString()));
        all.addAll(List.of(args));
        try (SimulatorProcess p = SimulatorProcess.start(tmp.resolve("logs"), all.toArray(String[]::new))) {
            int exit = p.waitForExit(Duration.ofSeconds(60));
            return new Outcome(exit, p.stdout().toList(), p.stderr().toList());
        }
    }

    private void assertOneLine(Outcome o, String expected) {
        assertEquals(List.of(expected), o.err(), "standard error");
        assertEquals(List.of(), o.out(), "standard output");
        assertEquals(2, o.exit(), "exit status");
        assertFalse(
                Files.exists(tmp.resolve("demo-data")), "the demo made its --data folder although it refused to start");
    }

    @Test
    void gatesZeroIsOneLineAndExitStatusTwo() throws Exception {
        assertOneLine(ownJvm("--gates", "0"), "gatepost demo: --gates 0 is out of range: 1..50");
    }

    @Test
    void aTakenDashboardPortIsOneLineNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Outcome o = ownJvm("--http-port", String.valueOf(port), "--broker-port", "0");
            assertEquals(1, o.err().size(), "standard error: " + o.err());
            assertTrue(
                    o.err().get(0).startsWith("gatepost demo: --http-port " + port + " is taken on 127.0.0.1 ("),
                    o.err().get(0));
            assertTrue(
                    o.err().get(0).endsWith("); choose another port, or 0 for any free one"),
                    o.err().get(0));
            assertEquals(List.of(), o.out());
            assertEquals(2, o.exit());
            assertFalse(Files.exists(tmp.resolve("demo-data")));
        }
    }

    @Test
    void aTakenBrokerPortIsOneLineNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Outcome o = inProcess("--http-port", "0", "--broker-port", String.valueOf(port));
            assertEquals(1, o.err().size(), "standard error: " + o.err());
            assertTrue(
                    o.err().get(0).startsWith("gatepost demo: --broker-port " + port + " is taken on 127.0.0.1 ("),
                    o.err().get(0));
            assertEquals(2, o.exit());
        }
    }

    @Test
    void outOfRangeValuesNameTheirOption() {
        assertOneLine(inProcess("--gates", "51"), "gatepost demo: --gates 51 is out of range: 1..50");
        assertOneLine(
                inProcess("--http-port", "70000"),
                "gatepost demo: --http-port 70000 is out of range: 1..65535, or 0 for any free port");
        assertOneLine(
                inProcess("--broker-port", "-1"),
                "gatepost demo: --broker-port -1 is out of range: 1..65535, or 0 for any free port");
        assertOneLine(inProcess("--interval", "0"), "gatepost demo: --interval 0 is out of range: 1 or more seconds");
        assertOneLine(inProcess("--fever-rate", "1.5"), "gatepost demo: --fever-rate 1.5 is out of range: 0..1");
        assertOneLine(
                inProcess("--health-red-rate", "-0.1"), "gatepost demo: --health-red-rate -0.1 is out of range: 0..1");
        assertOneLine(
                inProcess("--http-port", "9999", "--broker-port", "9999"),
                "gatepost demo: --broker-port 9999 is the same port as --http-port; give them different ones");
    }

    @Test
    void aBindThatIsNoAddressOfThisMachineIsRefused() {
        assertOneLine(
                inProcess("--bind", "gatepost.example"),
                "gatepost demo: --bind gatepost.example is not an IP address (such as 127.0.0.1 or 0.0.0.0)");
        Outcome o = inProcess("--bind", "203.0.113.7"); // TEST-NET-3: never an address of a test machine
        assertEquals(1, o.err().size(), "standard error: " + o.err());
        assertTrue(
                o.err().get(0).startsWith("gatepost demo: --bind 203.0.113.7 is not an address of this machine ("),
                o.err().get(0));
        assertEquals(2, o.exit());
    }

    @Test
    void unknownAndMalformedOptionsAreOneLine() {
        assertOneLine(inProcess("--gatez", "3"), "gatepost demo: Unknown options: '--gatez', '3'");
        assertOneLine(
                inProcess("--gates", "many"),
                "gatepost demo: Invalid value for option '--gates': 'many' is not an int");
    }

    @Test
    void aForeignNonEmptyDataFolderIsRefusedAndUntouched() throws Exception {
        Path photos = Files.createDirectory(tmp.resolve("photos"));
        Files.writeString(photos.resolve("holiday.jpg"), "jpeg");
        Outcome o = inProcess("--data", photos.toString(), "--http-port", "0", "--broker-port", "0");
        assertEquals(
                List.of("gatepost demo: --data " + photos + " is not empty and has no .gatepost-demo file, so the"
                        + " demo did not make it and will not touch it; choose a new or empty folder"),
                o.err());
        assertEquals(2, o.exit());
        try (var files = Files.list(photos)) {
            assertEquals(List.of(photos.resolve("holiday.jpg")), files.toList());
        }
        assertEquals("jpeg", Files.readString(photos.resolve("holiday.jpg")));
    }
}
