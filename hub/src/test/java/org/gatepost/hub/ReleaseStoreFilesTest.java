package org.gatepost.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.store.SqliteFiles;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store files written by released hubs through {@link ReleaseStores#fill}: 20 admitted entries and a fever denial
 * (seq 1..21) of {@code north-gate}, its offline status (the fever alert acknowledged by admin), the blocked and
 * badges lists, the accounts admin ({@link TestHubs#ADMIN_PASSWORD}) and {@link ReleaseStores#OBSERVER}.
 * {@code store/hub-schema-v6.db} was written by the hub of schema 6, {@code store/hub-schema-v7.db} by the hub of
 * schema 7 (the current one). Every later hub must open each keeping all of that: they are the upgrade tests from
 * those releases' files. When a release adds a migration, add its file with {@link #main} and a test here.
 */
class ReleaseStoreFilesTest {
    @TempDir
    Path dir;

    @Test
    void aStoreWrittenByTheSchema6HubUpgradesWithEveryEntryAlertListAndAccount() throws Exception {
        opensWithEverything("/store/hub-schema-v6.db");
    }

    @Test
    void aStoreWrittenByTheSchema7HubOpensWithEveryEntryAlertListAndAccount() throws Exception {
        opensWithEverything("/store/hub-schema-v7.db");
    }

    private void opensWithEverything(String fixture) throws Exception {
        try (InputStream in = ReleaseStoreFilesTest.class.getResourceAsStream(fixture)) {
            Files.copy(in, dir.resolve("hub.db"));
        }
        HubConfig config = TestHubs.config(dir);
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            ApiSession admin = ApiSession.admin(hub.httpPort());
            ReleaseStores.Snapshot s = ReleaseStores.snapshot(hub, admin);

            assertEquals(21, s.entries().size());
            assertTrue(
                    s.entries().getFirst().startsWith("north-gate/3f9a1c2e7b5d4e60/1 admit "),
                    s.entries().getFirst());
            assertTrue(
                    s.entries().getLast().startsWith("north-gate/3f9a1c2e7b5d4e60/21 deny-fever "),
                    s.entries().getLast());
            assertEquals(2, s.alerts().size());
            assertTrue(
                    s.alerts().stream().anyMatch(a -> a.contains(" fever north-gate acknowledgedBy=admin")),
                    s.alerts().toString());
            assertTrue(
                    s.lists().containsAll(List.of("badges v2 items=1", "blocked v2 items=1")),
                    s.lists().toString());
            assertEquals(1, s.blocked().size());
            assertTrue(s.badges().getFirst().contains("王芳"), s.badges().toString());
            assertEquals(List.of("admin operator", ReleaseStores.OBSERVER + " observer"), s.users());
            ApiSession.login(hub.httpPort(), ReleaseStores.OBSERVER, ReleaseStores.OBSERVER_PASSWORD);
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history")) {
            rs.next();
            assertEquals(SqliteFiles.currentSchema(), rs.getInt(1), "migrated to the current schema");
        }
    }

    /** Writes the fixture to {@code args[0]} with this release's hub (a directory of scratch files in {@code args[1]}). */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path scratch = Path.of(args[1]);
        try (Hub hub = Hub.start(TestHubs.config(scratch), Clock.systemUTC())) {
            ReleaseStores.fill(hub, ApiSession.admin(hub.httpPort()));
        }
        Files.deleteIfExists(out);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + scratch.resolve("hub.db"));
                var s = c.createStatement()) {
            s.execute("VACUUM INTO '" + out.toAbsolutePath() + "'");
        }
        System.exit(0);
    }
}
