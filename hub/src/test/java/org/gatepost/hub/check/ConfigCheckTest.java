package org.gatepost.hub.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gatepost.hub.Main;
import org.gatepost.hub.testing.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatepost-hub --check-config}: a real file system and a real PostgreSQL, no broker, no web server. */
class ConfigCheckTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aFineSqliteConfigExitsZeroWithOneLineAndCreatesNothing() throws Exception {
        Path config = write(Map.of());

        assertEquals(0, run(config), err());
        assertEquals("", err());
        assertEquals(
                List.of("gatepost-hub: check-config: ok " + config + ": store.path=" + dir.resolve("hub.db")
                        + " (writable)"),
                out().lines().toList());
        assertTrue(Files.notExists(dir.resolve("hub.db")), "the check must not create the store");
    }

    @Test
    void theEmbeddedBrokersDataFolderIsChecked() throws Exception {
        Path config = write(Map.of(
                "mqtt.url", "", "broker.data", dir.resolve("no/such/folder").toString()));

        assertEquals(2, run(config));
        assertEquals(
                List.of("gatepost-hub: check-config: broker.data: cannot create " + dir.resolve("no/such/folder")
                        + ": folder " + dir.resolve("no/such") + " is missing or not writable"),
                err().lines().toList());
    }

    @Test
    void aMissingSecretIsOneLineNamingTheKey() throws Exception {
        Path config = write(Map.of("community.secret", ""));

        assertEquals(2, run(config));
        List<String> lines = err().lines().toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).startsWith("gatepost-hub: check-config: community.secret: "), lines.get(0));
    }

    @Test
    void aStoreThatIsNoSqliteDatabaseIsAProblemOfStorePath() throws Exception {
        Files.writeString(dir.resolve("hub.db"), "plain text");
        Path config = write(Map.of());

        assertEquals(2, run(config));
        assertEquals(
                List.of("gatepost-hub: check-config: store.path: " + dir.resolve("hub.db")
                        + " is not a SQLite database"),
                err().lines().toList());
    }

    @Test
    void aReachablePostgresPrimaryIsFineAndAClosedPortIsAProblemOfStoreUrl() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start()) {
            String db = cluster.createDatabase();
            Path fine = write(Map.of("store.url", cluster.url(db), "store.username", PostgresCluster.SUPERUSER));
            assertEquals(0, run(fine), err());
            assertTrue(out().contains("store.url (PostgreSQL primary reachable)"), out());
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        out.reset();
        Path unreachable = write(Map.of(
                "store.url", "jdbc:postgresql://127.0.0.1:" + closed + "/gatepost", "store.username", "gatepost"));
        assertEquals(2, run(unreachable));
        List<String> lines = err().lines().toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).startsWith("gatepost-hub: check-config: store.url: cannot connect: "), lines.get(0));
    }

    @Test
    void aTrustStoreMustExistAndLoad() throws Exception {
        Path good = dir.resolve("ca.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (OutputStream o = Files.newOutputStream(good)) {
            ks.store(o, "changeit".toCharArray());
        }
        Path junk = Files.writeString(dir.resolve("junk.p12"), "not a key store");

        assertTrue(TrustStoreCheck.problem(null, null).isEmpty());
        assertTrue(TrustStoreCheck.problem(good.toString(), "changeit").isEmpty());
        assertTrue(TrustStoreCheck.problem(dir.resolve("missing.p12").toString(), null)
                .orElseThrow()
                .contains("does not exist or is not readable"));
        assertFalse(TrustStoreCheck.problem(junk.toString(), null).isEmpty());
    }

    @Test
    void mainRunsTheCheckInsteadOfTheHub() throws Exception {
        Path config = write(Map.of("store.path", dir.resolve("gone/hub.db").toString()));

        assertEquals(2, new CommandLine(new Main()).execute("--config", config.toString(), "--check-config"));
    }

    private int run(Path config) {
        return ConfigCheck.run(
                config,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A valid configuration (an external broker, so no embedded broker's folder) with {@code overrides}. */
    private Path write(Map<String, String> overrides) throws IOException {
        Map<String, String> keys = new TreeMap<>(Map.of(
                "community.secret",
                "0123456789abcdef-secret",
                "mqtt.url",
                "tcp://127.0.0.1:1883",
                "store.path",
                dir.resolve("hub.db").toString()));
        keys.putAll(overrides);
        StringBuilder text = new StringBuilder();
        keys.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path file = dir.resolve("hub.properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
