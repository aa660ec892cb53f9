package org.gatepost.hub.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.gatepost.hub.Hub;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.store.SqliteFiles;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.TestGateClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} and {@code restore} as an operator runs them: each command in a JVM of its own ({@link HubCli}),
 * against a hub running in this one on a real SQLite file.
 */
class BackupRestoreCommandsTest {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        return HubCli.configFile(dir, Map.of("store.path", dir.resolve("hub.db").toString()), Map.of());
    }

    private static void publishAdmits(Hub hub, long from, long to) throws Exception {
        try (TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), Contract.GATE)) {
            for (long seq = from; seq <= to; seq++) {
                gate.publish(Topics.entries(Contract.GATE), Contract.admitWithSeq(Contract.EPOCH, seq));
            }
            Await.until("entries stored", () -> hub.store().counts().entries() == to);
        }
    }

    private static long entries(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM entries")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The entries in {@code db}, 0 when it has no entries table (its schema, too, was still in the -wal file). */
    private static long entriesOrNone(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'entries'")) {
            rs.next();
            return rs.getInt(1) == 0 ? 0 : entries(db);
        }
    }

    @Test
    void backupWhileTheHubWritesHoldsEveryCommittedEntryWhereACopyOfTheFileAloneDoesNot() throws Exception {
        Path config = config();
        Path out = dir.resolve("backups").resolve("hub-copy.db");
        try (Hub hub = Hub.start(HubConfigParser.load(config), Clock.systemUTC())) {
            publishAdmits(hub, 1, 20);
            Path plain = dir.resolve("plain-copy.db");
            Files.copy(dir.resolve("hub.db"), plain);

            HubCli.Result r = HubCli.run(dir, "backup", "--config", config.toString(), out.toString());

            assertEquals(0, r.exit(), r.toString());
            assertTrue(
                    r.out()
                            .startsWith("backup written: " + out.toAbsolutePath() + " (schema "
                                    + SqliteFiles.currentSchema() + ","),
                    r.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
            assertEquals(20, entries(out));
            assertTrue(entriesOrNone(plain) < 20, "the -wal file held the recent commits");
            assertFalse(Files.exists(Path.of(out + ".partial")));
        }
    }

    @Test
    void backupRefusesToOverwriteUnlessForced() throws Exception {
        Path config = config();
        Path out = dir.resolve("hub-copy.db");
        Files.writeString(out, "keep me");
        try (Hub hub = Hub.start(HubConfigParser.load(config), Clock.systemUTC())) {
            publishAdmits(hub, 1, 3);

            HubCli.Result refused = HubCli.run(dir, "backup", "--config", config.toString(), out.toString());
            assertEquals(2, refused.exit(), refused.toString());
            assertEquals("gatepost-hub backup: " + out + " exists (--force replaces it)\n", refused.err());
            assertEquals("keep me", Files.readString(out));

            HubCli.Result forced = HubCli.run(dir, "backup", "--config", config.toString(), "--force", out.toString());
            assertEquals(0, forced.exit(), forced.toString());
            assertEquals(3, entries(out));
        }
    }

    @Test
    void restoreWaitsForTheHubToStopKeepsTheReplacedStoreAndTheHubStartsOnTheBackup() throws Exception {
        Path config = config();
        HubConfig cfg = HubConfigParser.load(config);
        Path backup = dir.resolve("hub-backup.db");
        try (Hub hub = Hub.start(cfg, Clock.systemUTC())) {
            publishAdmits(hub, 1, 10);
            assertEquals(
                    0,
                    HubCli.run(dir, "backup", "--config", config.toString(), backup.toString())
                            .exit());
            publishAdmits(hub, 11, 15);

            HubCli.Result running = HubCli.run(dir, "restore", "--config", config.toString(), backup.toString());
            assertEquals(1, running.exit(), running.toString());
            assertEquals(
                    "gatepost-hub restore: the hub is running (it holds " + dir.resolve("hub.db.lock")
                            + "); stop it first\n",
                    running.err());
        }

        HubCli.Result r = HubCli.run(dir, "restore", "--config", config.toString(), backup.toString());

        assertEquals(0, r.exit(), r.toString());
        try (var kept = Files.list(dir)) {
            List<Path> before = kept.filter(p -> p.getFileName().toString().startsWith("hub.db.before-restore-")
                            && !p.getFileName().toString().endsWith("-wal"))
                    .toList();
            assertEquals(1, before.size(), before.toString());
            assertEquals(15, entries(before.getFirst()), "the replaced store, with what its -wal held");
            assertTrue(r.out().contains("the replaced store is kept as " + before.getFirst()), r.toString());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hub.db"))));
        try (Hub hub = Hub.start(cfg, Clock.systemUTC())) {
            assertEquals(10, hub.store().counts().entries());
        }
    }

    @Test
    void restoreRefusesAFileThatIsNotAHubStoreAndLeavesTheStoreAlone() throws Exception {
        Path config = config();
        try (Hub hub = Hub.start(HubConfigParser.load(config), Clock.systemUTC())) {
            publishAdmits(hub, 1, 2);
        }
        Path text = dir.resolve("notes.db");
        Files.writeString(text, "not a database at all, but long enough to look like a header of one.".repeat(20));
        Path otherSqlite = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + otherSqlite);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }

        HubCli.Result notSqlite = HubCli.run(dir, "restore", "--config", config.toString(), text.toString());
        HubCli.Result notOurs = HubCli.run(dir, "restore", "--config", config.toString(), otherSqlite.toString());
        HubCli.Result missing = HubCli.run(dir, "restore", "--config", config.toString(), "nowhere.db");

        assertEquals(2, notSqlite.exit(), notSqlite.toString());
        assertTrue(
                notSqlite.err().startsWith("gatepost-hub restore: " + text + " is not a readable SQLite database"),
                notSqlite.toString());
        assertEquals(2, notOurs.exit(), notOurs.toString());
        assertEquals(
                "gatepost-hub restore: " + otherSqlite + " is not a Gatepost hub store (no schema history)\n",
                notOurs.err());
        assertEquals(2, missing.exit(), missing.toString());
        assertEquals(2, entries(dir.resolve("hub.db")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("before-restore")));
        }
    }

    @Test
    void aStoreOfAnotherUserIsLeftAloneWithAHintToRunAsThatUser() throws Exception {
        Path config = config();
        try (Hub hub = Hub.start(HubConfigParser.load(config), Clock.systemUTC())) {
            publishAdmits(hub, 1, 2);
        }
        String owner = Files.getOwner(dir.resolve("hub.db")).getName();
        Path backup = dir.resolve("copy.db");

        // The JVM's idea of who runs it, as for another login: the check compares it with the file's owner.
        HubCli.Result r = HubCli.runWith(
                dir, List.of("-Duser.name=intruder"), "backup", "--config", config.toString(), backup.toString());

        assertEquals(2, r.exit(), r.toString());
        assertEquals(
                "gatepost-hub backup: " + dir.resolve("hub.db") + " belongs to user " + owner
                        + ", not intruder; run this as that user: sudo -u " + owner + " gatepost-hub ...\n",
                r.err());
        assertFalse(Files.exists(backup));
    }

    @Test
    void aPostgresStoreIsPointedToPgDumpAndPgRestore() throws Exception {
        Path config = HubCli.configFile(
                dir,
                Map.of(
                        "store.url",
                        "jdbc:postgresql://db1:5432,db2:5432/gatepost?targetServerType=primary",
                        "store.username",
                        "gatepost",
                        "store.password",
                        "s3cret-pg-password"),
                Map.of());

        HubCli.Result backup = HubCli.run(dir, "backup", "--config", config.toString(), "hub.dump");
        HubCli.Result restore = HubCli.run(dir, "restore", "--config", config.toString(), "hub.dump");

        assertEquals(2, backup.exit(), backup.toString());
        assertEquals(
                "gatepost-hub backup: the store is PostgreSQL (store.url); back it up with pg_dump:"
                        + " pg_dump --format=custom --file=hub.dump 'postgresql://gatepost@db1:5432,db2:5432/gatepost'"
                        + " (docs/deployment.md#postgresql)\n",
                backup.err());
        assertEquals(2, restore.exit(), restore.toString());
        assertTrue(
                restore.err()
                        .contains(
                                "pg_restore --no-owner --dbname='postgresql://gatepost@db1:5432,db2:5432/gatepost' hub.dump"),
                restore.toString());
        assertFalse((backup.err() + restore.err()).contains("s3cret"));
    }

    @Test
    void aSecondHubOnTheSameFileIsRefused() throws Exception {
        HubConfig cfg = HubConfigParser.load(config());
        try (Hub hub = Hub.start(cfg, Clock.systemUTC())) {
            HubCli.Result second =
                    HubCli.run(dir, "--config", dir.resolve("hub.properties").toString());
            assertEquals(1, second.exit(), second.toString());
            assertTrue(
                    second.err()
                            .contains("event=hub-start-failed reason=store: " + dir.resolve("hub.db")
                                    + " is in use by another hub"),
                    second.toString());
        }
    }
}
