package org.gatepost.agent.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoreHealth;
import org.gatepost.agent.store.StoredEntry;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.RecordingOutput;
import org.gatepost.agent.testing.SampleDrafts;
import org.gatepost.agent.testing.TestCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk fills up under the gate: decisions are refused, counted and signalled, nothing committed is lost,
 * and once space returns the sequence continues without a gap in a sound database file.
 *
 * <p>As root (CI, this sandbox) the store lives on a real 1 MiB tmpfs that SQLite fills until it reports
 * SQLITE_FULL, and "space returns" is a remount at 16 MiB. Otherwise the same scenario runs on a real store
 * behind a switch that fails appends the way SQLite does ({@link SwitchableFullStore}). The test prints which ran.
 */
class DiskFullTest {
    private static final int MAX_FILL_APPENDS = 100_000;

    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", "-l", mounted.toString());
        }
    }

    @Test
    void aFullDiskRefusesDecisionsLosesNothingAndTheSequenceResumesWithoutAGapWhenSpaceReturns() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        boolean tmpfs = mountTmpfs(small);
        ForwardableClock clock = new ForwardableClock(Instant.parse("2026-11-28T08:00:00Z"));
        GateSignals signals = RecordingOutput.signals(clock);
        StoreHealth health = new StoreHealth();
        List<Entry> published = new ArrayList<>();
        Path file = small.resolve("gate.db");
        long committed;

        try (SqliteEntryStore real = SqliteEntryStore.open(file, "north-gate", clock)) {
            SwitchableFullStore switchable = new SwitchableFullStore(real);
            EntryStore store = tmpfs ? real : switchable;
            Checkpoint checkpoint = TestCheckpoints.standard(store, signals, clock)
                    .onCommitted(published::add)
                    .storeHealth(health)
                    .build();

            committed = fill(store);
            if (!tmpfs) {
                switchable.full = true;
            }
            assertTrue(committed > 0, "some entries fit before the disk was full");

            CheckpointNotRecordedTest.person(checkpoint, 37.2); // a fever, even
            CheckpointNotRecordedTest.person(checkpoint, 35.5);

            assertEquals(2, health.unrecorded());
            assertTrue(health.lastError().contains("full"), health.lastError());
            assertTrue(published.isEmpty(), "nothing unrecorded is published");
            assertEquals(List.of(), RecordingOutput.pulses(signals.relay()), "nobody let through unrecorded");
            assertEquals(2, RecordingOutput.pulses(signals.red()).size());
            assertEquals(committed, real.lastSeq(), "failed appends used up no seq");

            if (tmpfs) {
                run("mount", "-o", "remount,size=16M", small.toString());
            } else {
                switchable.full = false;
            }
            CheckpointNotRecordedTest.person(checkpoint, 35.5);

            assertEquals(1, published.size());
            assertEquals(committed + 1, published.getFirst().seq(), "the sequence continues without a gap");
            assertNull(health.lastError(), "the last write succeeded");
            assertEquals(2, health.unrecorded());
        }

        assertEquals("ok", integrityCheck(file));
        try (SqliteEntryStore reopened = SqliteEntryStore.open(file, "north-gate", clock)) {
            List<StoredEntry> all = reopened.unacked(0, MAX_FILL_APPENDS + 10);
            assertEquals(
                    LongStream.rangeClosed(1, committed + 1).boxed().toList(),
                    all.stream().map(StoredEntry::seq).toList(),
                    "every committed entry is there, once");
            assertEquals(Decision.ADMIT, all.getLast().decision());
            assertEquals(committed + 2, reopened.append(SampleDrafts.admit(0)).seq());
        }
        System.out.println(
                "disk-full test ran on: "
                        + (tmpfs
                                ? "a real 1 MiB tmpfs (root): " + committed
                                        + " entries fitted before SQLite reported the disk full, " + health.unrecorded()
                                        + " decisions were refused, the sequence resumed at " + (committed + 1)
                                : "the simulated full disk (not root, or mount failed): a store whose appends fail like SQLITE_FULL"));
    }

    /** Appends until the store refuses (tmpfs) or a few (simulated); returns the last committed seq. */
    private static long fill(EntryStore store) {
        int limit = store instanceof SwitchableFullStore ? 50 : MAX_FILL_APPENDS;
        for (int i = 0; i < limit; i++) {
            try {
                store.append(SampleDrafts.admit(i));
            } catch (StoreException e) {
                assertTrue(e.getMessage().contains("full"), "a full disk, not another failure: " + e.getMessage());
                return store.lastSeq();
            }
        }
        assertFalse(limit == MAX_FILL_APPENDS, "a 1 MiB disk never filled");
        return store.lastSeq();
    }

    private boolean mountTmpfs(Path target) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        if (run("mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", target.toString()) != 0) {
            return false;
        }
        mounted = target;
        return true;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.out.println(String.join(" ", command) + " failed: " + output);
        }
        return p.exitValue();
    }

    private static String integrityCheck(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
