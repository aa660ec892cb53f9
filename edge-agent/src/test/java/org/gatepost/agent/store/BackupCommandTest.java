package org.gatepost.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatepost-agent backup} in a JVM of its own, as an operator runs it, while this JVM holds the gate's store
 * open and appending, as the running agent does.
 */
class BackupCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "org.gatepost.agent.Main"));
        command.addAll(List.of(args));
        Path out = dir.resolve("cli.out");
        Path err = dir.resolve("cli.err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "backup ended");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path config() throws Exception {
        Path f = dir.resolve("agent.properties");
        Files.writeString(
                f,
                "gate.id=g1\ncommunity.secret=0123456789abcdef\nthermometer.port=/dev/ttyUSB0\n"
                        + "idcard.port=/dev/ttyUSB1\nstore.path=data/g1.db\nconsole.bind=127.0.0.1\n",
                StandardCharsets.UTF_8);
        return f;
    }

    private static long rows(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'outbox'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return 0;
            }
            try (ResultSet n = s.executeQuery("SELECT count(*) FROM outbox")) {
                n.next();
                return n.getLong(1);
            }
        }
    }

    @Test
    void copiesEveryCommittedEntryWhileTheStoreIsOpenWhereACopyOfTheFileAloneDoesNot() throws Exception {
        Path config = config();
        Path out = dir.resolve("backups/g1-copy.db");
        try (SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("data/g1.db"), "g1", CLOCK)) {
            for (int i = 1; i <= 25; i++) {
                store.append(SampleDrafts.admit(i));
            }
            Path plain = dir.resolve("plain.db");
            Files.copy(dir.resolve("data/g1.db"), plain);

            Result r = run("backup", "--config", config.toString(), out.toString());

            assertEquals(0, r.exit(), r.err());
            assertTrue(
                    r.out()
                            .startsWith("backup written: " + out + " (gate g1, epoch " + store.epoch()
                                    + ", 25 entries up to seq 25, from " + dir.resolve("data/g1.db") + ")"),
                    r.out());
            assertEquals(25, rows(out));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
            assertTrue(rows(plain) < 25, "the -wal file held the recent appends");

            Result again = run("backup", "--config", config.toString(), out.toString());
            assertEquals(2, again.exit());
            assertTrue(
                    again.err().endsWith("gatepost-agent backup: " + out + " exists (--force replaces it)\n"),
                    again.err());
            store.append(SampleDrafts.admit(26));
            assertEquals(
                    0,
                    run("backup", "--config", config.toString(), "--force", out.toString())
                            .exit());
            assertEquals(26, rows(out));
        }
    }
}
