package org.gatepost.hub;

import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code store/hub-schema-v6.db} was written by a hub of schema version 6 (this release) through
 * {@link ReleaseStores#fill}: 20 admitted entries and a fever denial (seq 1..21) of {@code north-gate}, its offline status (the
 * fever alert acknowledged by admin), the blocked and badges lists, the accounts admin
 * ({@link TestHubs#ADMIN_PASSWORD}) and {@link ReleaseStores#OBSERVER}. Every later hub must open it keeping all
 * of that: when a migration is added, this is the upgrade test from this release's files. Regenerate it only
 * when the release changes, with {@link #main}.
 */
class CurrentReleaseStoreTest {
    static final String FIXTURE = "/store/hub-schema-v6.db";

    @TempDir
    Path dir;

    @Test
    void aStoreWrittenByThisReleaseOpensWithEveryEntryAlertListAndAccount() throws Exception {
        try (InputStream in = CurrentReleaseStoreTest.class.getResourceAsStream(FIXTURE)) {
            Files.copy(in, dir.resolve("hub.db"));
        }
        HubConfig config = TestHubs.config(dir);
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            ApiSession admin = ApiSession.admin(hub.httpPort());
            ReleaseStores.Snapshot s = ReleaseStores.snapshot(hub, admin);

            assertEquals(21, s.entries().size());
            assertTrue(s.entries().getFirst().startsWith("north-gate/3f9a1c2e7b5d4e60/1 admit "), s.entries().getFirst());
            assertTrue(s.entries().getLast().startsWith("north-gate/3f9a1c2e7b5d4e60/21 deny-fever "),
                    s.entries().getLast());
            assertEquals(2, s.alerts().size());
            assertTrue(s.alerts().stream().anyMatch(a -> a.contains(" fever north-gate acknowledgedBy=admin")),
                    s.alerts().toString());
            assertTrue(s.lists().containsAll(List.of("badges v2 items=1", "blocked v2 items=1")), s.lists().toString());
            assertEquals(1, s.blocked().size());
            assertTrue(s.badges().getFirst().contains("王芳"), s.badges().toString());
            assertEquals(List.of("admin operator", ReleaseStores.OBSERVER + " observer"), s.users());
            ApiSession.login(hub.httpPort(), ReleaseStores.OBSERVER, ReleaseStores.OBSERVER_PASSWORD);
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
