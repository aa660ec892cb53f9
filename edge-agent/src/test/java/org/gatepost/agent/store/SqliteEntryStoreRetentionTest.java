package org.gatepost.agent.store;

import static org.gatepost.agent.testing.Seqs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeping acknowledged entries for a while, then deleting them in small steps; the unacknowledged stay. */
class SqliteEntryStoreRetentionTest {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);

    @TempDir
    Path dir;

    private final ForwardableClock clock = new ForwardableClock(T0);

    private SqliteEntryStore open() throws StoreException {
        return SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", clock);
    }

    private static void admit(SqliteEntryStore store, int n) throws StoreException {
        store.appendAll(SampleDrafts.admits(0, n));
    }

    private static List<Long> seqs(List<StoredEntry> entries) {
        return entries.stream().map(StoredEntry::seq).toList();
    }

    @Test
    void purgeDeletesAcknowledgedEntriesOlderThanTheCutoffAndNeverAnUnacknowledgedOne() throws Exception {
        try (SqliteEntryStore store = open()) {
            admit(store, 10);
            clock.forward(Duration.ofHours(1));
            store.acknowledge(store.epoch(), 6);
            Instant ackedAt = clock.instant();

            assertEquals(0, store.purgeAcknowledged(ackedAt, 500), "acknowledged at the cutoff: kept");
            assertEquals(6, store.purgeAcknowledged(ackedAt.plusMillis(1), 500));
            assertEquals(0, store.purgeAcknowledged(T0.plus(Duration.ofDays(3650)), 500), "unacknowledged ones stay");

            assertEquals(range(7, 10), seqs(store.range(1, 10, 100)));
            assertEquals(range(7, 10), seqs(store.unacked(0, 100)));
            assertEquals(10, store.lastSeq());
            assertEquals(11, store.append(SampleDrafts.admit(11)).seq(), "purging does not touch the sequence");
        }
    }

    @Test
    void purgeTakesAtMostTheGivenNumberOfRowsOldestFirst() throws Exception {
        try (SqliteEntryStore store = open()) {
            admit(store, 10);
            store.acknowledge(store.epoch(), 8);

            assertEquals(3, store.purgeAcknowledged(T0.plusSeconds(1), 3));
            assertEquals(range(4, 10), seqs(store.range(1, 10, 100)));
            assertEquals(3, store.purgeAcknowledged(T0.plusSeconds(1), 3));
            assertEquals(2, store.purgeAcknowledged(T0.plusSeconds(1), 3));
            assertEquals(range(9, 10), seqs(store.range(1, 10, 100)));
        }
    }

    @Test
    void theCutoffComparesInstantsNotTextWhateverTheirFractionDigits() throws Exception {
        try (SqliteEntryStore store = open()) {
            admit(store, 2);
            store.acknowledge(store.epoch(), 2); // acked_at is written "2026-11-28T08:00:00Z", no fraction

            // As text "…:00Z" sorts after "…:00.500Z"; as instants 08:00:00 is before 08:00:00.5.
            assertEquals(2, store.purgeAcknowledged(T0.plusMillis(500), 10));
        }
    }

    @Test
    void rangeReturnsAcknowledgedEntriesUntilTheyArePurged() throws Exception {
        try (SqliteEntryStore store = open()) {
            admit(store, 5);
            store.acknowledge(store.epoch(), 5);

            assertEquals(range(2, 4), seqs(store.range(2, 4, 100)));
            assertEquals(range(1, 2), seqs(store.range(1, 5, 2)), "at most the limit");
            assertTrue(store.unacked(0, 100).isEmpty());
        }
    }

    @Test
    void oldestUnackedAtIsTheDecisionTimeOfTheFirstUnacknowledgedEntry() throws Exception {
        try (SqliteEntryStore store = open()) {
            assertNull(store.oldestUnackedAt());
            store.appendAll(List.of(SampleDrafts.admit(0), SampleDrafts.admit(30), SampleDrafts.admit(60)));
            store.acknowledge(store.epoch(), 1);
            assertEquals(SampleDrafts.admit(30).at(), store.oldestUnackedAt());
            store.acknowledge(store.epoch(), 3);
            assertNull(store.oldestUnackedAt());
        }
    }

    @Test
    void aNewFileUsesIncrementalAutoVacuumSoPurgedPagesGoBackToTheFileSystem() throws Exception {
        Path file = dir.resolve("gate.db");
        try (SqliteEntryStore store = open()) {
            assertEquals(2, pragma(file, "auto_vacuum"), "2 = incremental");
            admit(store, 3_000);
            store.acknowledge(store.epoch(), 3_000);
            int purged = 0;
            for (int n; (n = store.purgeAcknowledged(T0.plusSeconds(1), 500)) > 0; ) {
                purged += n;
            }
            assertEquals(3_000, purged);
            long freeBefore = pragma(file, "freelist_count");
            long pagesBefore = pragma(file, "page_count");
            assertTrue(freeBefore > 100, "purged rows leave free pages: " + freeBefore);

            assertEquals(0, store.reclaimFreePages(100_000));
            assertEquals(0, pragma(file, "freelist_count"));
            assertTrue(pragma(file, "page_count") <= pagesBefore - freeBefore, "the file lost the free pages");
            assertTrue(store.sizeBytes() > 0);
        }
        assertEquals("ok", integrityCheck(file));
    }

    @Test
    void maintenancePurgesInBatchesUpToItsPerTickLimitAndKeepsWithinRetention() throws Exception {
        int perTick = OutboxMaintenance.PURGE_BATCH * OutboxMaintenance.MAX_BATCHES_PER_TICK;
        try (SqliteEntryStore store = open()) {
            admit(store, perTick + 1_500);
            store.acknowledge(store.epoch(), perTick + 1_000);
            OutboxMaintenance maintenance = new OutboxMaintenance(store, RETENTION, 256L << 20);

            assertEquals(0, maintenance.tick(T0.plus(RETENTION)), "not older than the retention yet");
            clock.forward(RETENTION.plusSeconds(1));
            assertEquals(perTick, maintenance.tick(clock.instant()), "one tick is bounded");
            assertEquals(1_000, maintenance.tick(clock.instant()));
            assertEquals(0, maintenance.tick(clock.instant()));

            assertEquals(range(perTick + 1_001, perTick + 1_500), seqs(store.range(1, Long.MAX_VALUE, 10_000)));
        }
    }

    private static long pragma(Path file, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String integrityCheck(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
