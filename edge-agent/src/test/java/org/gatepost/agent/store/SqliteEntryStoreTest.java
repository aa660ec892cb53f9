package org.gatepost.agent.store;

import static org.gatepost.agent.testing.Seqs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gatepost.agent.contract.EntryJson;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEntryStoreTest {
    private static final String GATE = "north-gate";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private SqliteEntryStore open() throws StoreException {
        return SqliteEntryStore.open(dir.resolve("gate.db"), GATE, CLOCK);
    }

    private static List<Long> seqs(List<StoredEntry> entries) {
        return entries.stream().map(StoredEntry::seq).toList();
    }

    @Test
    void sequenceStartsAtOneAndStaysGaplessAcrossCloseAndReopen() throws Exception {
        try (SqliteEntryStore store = open()) {
            assertEquals(0, store.lastSeq());
            for (int i = 1; i <= 3; i++) {
                assertEquals(i, store.append(SampleDrafts.admit(i)).seq());
            }
        }
        try (SqliteEntryStore store = open()) {
            assertEquals(3, store.lastSeq());
            assertEquals(4, store.append(SampleDrafts.admit(4)).seq());
            assertEquals(5, store.append(SampleDrafts.fever(5)).seq());
            assertEquals(range(1, 5), seqs(store.unacked(0, 100)));
        }
    }

    @Test
    void epochIsSixteenHexDigitsStableAcrossReopenAndNewForANewFile() throws Exception {
        String first;
        try (SqliteEntryStore store = open()) {
            first = store.epoch();
        }
        assertTrue(first.matches("[0-9a-f]{16}"), first);
        try (SqliteEntryStore store = open()) {
            assertEquals(first, store.epoch());
        }
        try (SqliteEntryStore other = SqliteEntryStore.open(dir.resolve("other.db"), GATE, CLOCK)) {
            assertNotEquals(first, other.epoch());
            assertTrue(other.epoch().matches("[0-9a-f]{16}"), other.epoch());
        }
    }

    @Test
    void acknowledgeAdvancesOnlyForOwnEpochAndOnlyForward() throws Exception {
        try (SqliteEntryStore store = open()) {
            for (int i = 1; i <= 6; i++) {
                store.append(SampleDrafts.admit(i));
            }

            assertTrue(store.acknowledge(store.epoch(), 3));
            assertEquals(3, store.ackedUpTo());
            assertFalse(store.acknowledge(store.epoch(), 2), "backwards");
            assertFalse(store.acknowledge(store.epoch(), 3), "same again");
            assertFalse(store.acknowledge("0000000000000000", 5), "other epoch");
            assertFalse(store.acknowledge(store.epoch(), 7), "beyond the last seq");
            assertEquals(3, store.ackedUpTo());
            assertEquals(3, store.unackedCount());
            assertEquals(range(4, 6), seqs(store.unacked(0, 100)));

            assertTrue(store.acknowledge(store.epoch(), 6));
            assertEquals(0, store.unackedCount());
            assertTrue(store.unacked(0, 100).isEmpty());
        }
    }

    @Test
    void acknowledgementSurvivesReopen() throws Exception {
        try (SqliteEntryStore store = open()) {
            for (int i = 1; i <= 4; i++) {
                store.append(SampleDrafts.admit(i));
            }
            store.acknowledge(store.epoch(), 2);
        }
        try (SqliteEntryStore store = open()) {
            assertEquals(2, store.ackedUpTo());
            assertEquals(4, store.lastSeq());
            assertEquals(range(3, 4), seqs(store.unacked(0, 100)));
        }
    }

    @Test
    void unackedListsInSeqOrderAfterTheGivenSeqUpToTheLimit() throws Exception {
        try (SqliteEntryStore store = open()) {
            for (int i = 1; i <= 10; i++) {
                store.append(i % 3 == 0 ? SampleDrafts.fever(i) : SampleDrafts.admit(i));
            }
            store.acknowledge(store.epoch(), 2);

            assertEquals(range(3, 6), seqs(store.unacked(0, 4)));
            assertEquals(range(6, 8), seqs(store.unacked(5, 3)));
            assertEquals(List.of(10L), seqs(store.unacked(9, 5)));
            assertTrue(store.unacked(10, 5).isEmpty());
            assertEquals(Decision.DENY_FEVER, store.unacked(5, 1).getFirst().decision());
            assertEquals(Decision.ADMIT, store.unacked(3, 1).getFirst().decision());
        }
    }

    @Test
    void storedPayloadIsExactlyWhatEntryJsonWrites() throws Exception {
        try (SqliteEntryStore store = open()) {
            Entry first = store.append(SampleDrafts.admit(1));
            Entry second = store.append(SampleDrafts.fever(2));

            List<StoredEntry> stored = store.unacked(0, 10);
            assertEquals(EntryJson.toJson(first), stored.get(0).payload());
            assertEquals(EntryJson.toJson(second), stored.get(1).payload());
            assertEquals(GATE + "-" + store.epoch() + "-2", second.id());
            assertEquals(store.epoch(), second.epoch());
        }
    }

    @Test
    void appendsFromTwoThreadsGetEverySeqExactlyOnce() throws Exception {
        int perThread = 150;
        List<Long> all = new ArrayList<>();
        try (SqliteEntryStore store = open();
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            CountDownLatch go = new CountDownLatch(1);
            Callable<List<Long>> writer = () -> {
                go.await();
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(store.append(SampleDrafts.admit(i)).seq());
                }
                return mine;
            };
            Future<List<Long>> a = pool.submit(writer);
            Future<List<Long>> b = pool.submit(writer);
            go.countDown();
            all.addAll(a.get());
            all.addAll(b.get());
            assertEquals(range(1, 2L * perThread), seqs(store.unacked(0, 1_000)));
        }
        assertEquals(range(1, 2L * perThread), all.stream().sorted().toList());
    }

    @Test
    void failedAppendThrowsAndDoesNotUseUpItsSeq() throws Exception {
        Path file = dir.resolve("gate.db");
        try (SqliteEntryStore store = open()) {
            store.append(SampleDrafts.admit(1));
            store.append(SampleDrafts.admit(2));
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement st = other.createStatement()) {
                st.execute("CREATE TRIGGER fail_three BEFORE INSERT ON outbox WHEN NEW.seq = 3 "
                        + "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
            }

            StoreException e = assertThrows(StoreException.class, () -> store.append(SampleDrafts.admit(3)));
            assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
            assertEquals(2, store.lastSeq());

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement st = other.createStatement()) {
                st.execute("DROP TRIGGER fail_three");
            }
            assertEquals(3, store.append(SampleDrafts.admit(3)).seq());
        }
        try (SqliteEntryStore store = open()) {
            assertEquals(range(1, 3), seqs(store.unacked(0, 10)));
            assertEquals(4, store.append(SampleDrafts.admit(4)).seq());
        }
    }

    @Test
    void databaseIsInWalMode() throws Exception {
        Path file = dir.resolve("gate.db");
        try (SqliteEntryStore store = open()) {
            store.append(SampleDrafts.admit(1));
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement st = other.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
        }
    }

    @Test
    void refusesAFileThatBelongsToAnotherGate() throws Exception {
        try (SqliteEntryStore store = open()) {
            store.append(SampleDrafts.admit(1));
        }
        StoreException e = assertThrows(
                StoreException.class, () -> SqliteEntryStore.open(dir.resolve("gate.db"), "south-gate", CLOCK));
        assertTrue(e.getMessage().contains("north-gate"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        Path file = dir.resolve("junk.db");
        Files.writeString(file, "this is not sqlite, it is a shopping list");
        assertThrows(StoreException.class, () -> SqliteEntryStore.open(file, GATE, CLOCK));
    }

    @Test
    void useAfterCloseIsAnError() throws Exception {
        SqliteEntryStore store = open();
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.append(SampleDrafts.admit(1)));
    }
}
