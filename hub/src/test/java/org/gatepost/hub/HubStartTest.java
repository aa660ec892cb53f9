package org.gatepost.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.TestDatabases;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubStartTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    /** The keys of a hub on loopback and free ports with its store in this test's directory, changed by {@code changes}. */
    private Map<String, String> keys(Map<String, String> changes) {
        Map<String, String> m = new HashMap<>(Map.of(
                "community.secret",
                TestHubs.SECRET,
                "store.path",
                dir.resolve("hub.db").toString(),
                "http.host",
                "127.0.0.1",
                "broker.port",
                "0",
                "http.port",
                "0"));
        m.putAll(changes);
        return m;
    }

    private HubConfig config(String key, String value) {
        return HubConfigParser.parse(keys(Map.of(key, value)));
    }

    private static ServerSocket occupy() throws Exception {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    @Test
    void namesTheWebServerWhenTheHttpPortIsTakenAndStopsWhatItStarted() throws Exception {
        int brokerPort;
        try (ServerSocket probe = occupy()) {
            brokerPort = probe.getLocalPort();
        }
        try (ServerSocket taken = occupy()) {
            Map<String, String> m = keys(Map.of(
                    "broker.port", String.valueOf(brokerPort), "http.port", String.valueOf(taken.getLocalPort())));

            HubStartException e =
                    assertThrows(HubStartException.class, () -> Hub.start(HubConfigParser.parse(m), Clock.systemUTC()));

            assertTrue(e.getMessage().startsWith("web server: "), e.getMessage());
        }
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), brokerPort));
        }
    }

    @Test
    void namesTheEmbeddedBrokerWhenItsPortIsTaken() throws Exception {
        try (ServerSocket taken = occupy()) {
            HubStartException e = assertThrows(
                    HubStartException.class,
                    () -> Hub.start(config("broker.port", String.valueOf(taken.getLocalPort())), Clock.systemUTC()));

            assertTrue(e.getMessage().startsWith("embedded broker: "), e.getMessage());
        }
    }

    @Test
    void namesTheStoreWhenItsFileCannotBeOpened() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        HubStartException e = assertThrows(
                HubStartException.class,
                () -> Hub.start(
                        config("store.path", notADirectory.resolve("hub.db").toString()), Clock.systemUTC()));

        assertTrue(e.getMessage().startsWith("store: "), e.getMessage());
    }

    /**
     * The zone is settled before anything starts, so a store that cannot open ends these starts early and cheaply;
     * the clock stands for a server whose system zone is UTC.
     */
    @ParameterizedTest(name = "hub.zone=''{0}''")
    @CsvSource({"'', true", "Asia/Shanghai, false"})
    void warnsOnceAtStartWhenHubZoneIsAbsentAndTheSystemZoneIsUtc(String zone, boolean warns) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        Map<String, String> m =
                keys(Map.of("store.path", notADirectory.resolve("hub.db").toString(), "hub.zone", zone));
        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            assertThrows(
                    HubStartException.class,
                    () -> Hub.start(
                            HubConfigParser.parse(m),
                            Clock.fixed(Instant.parse("2026-12-07T16:00:00Z"), ZoneOffset.UTC)));
        } finally {
            System.setErr(err);
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        err.print(log);

        List<String> warnings = log.lines()
                .filter(l -> l.contains("WARN") && l.contains("key=hub.zone"))
                .toList();
        assertEquals(warns ? 1 : 0, warnings.size(), log);
        if (warns) {
            assertTrue(warnings.get(0).contains("system_zone=Z example=hub.zone=Asia/Shanghai"), warnings.get(0));
        }
    }

    @Test
    void namesTheStoreKeysInOneLineWhenThePostgresqlLoginIsRefused() throws Exception {
        Map<String, String> m = keys(Map.of(
                "store.url",
                databases.settings(Backend.POSTGRESQL).url().orElseThrow(),
                "store.username",
                "nobody",
                "store.password",
                "wrong-password"));

        HubStartException e =
                assertThrows(HubStartException.class, () -> Hub.start(HubConfigParser.parse(m), Clock.systemUTC()));

        assertTrue(
                e.getMessage().startsWith("store: store.username/store.password: login refused for user 'nobody'"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password"), e.getMessage());
    }
}
