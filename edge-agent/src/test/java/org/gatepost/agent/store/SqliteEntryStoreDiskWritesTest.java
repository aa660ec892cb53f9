package org.gatepost.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** What the store leaves out of each commit to write less, and why nothing is lost by it. */
class SqliteEntryStoreDiskWritesTest {
    private static final String GATE = "north-gate";
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    @TempDir
    Path dir;

    private final ForwardableClock clock = new ForwardableClock(T0);

    @Test
    void anAcknowledgementTakesEffectAtOnceAndReachesTheDiskAtMostEveryPersistIntervalAndOnClose() throws Exception {
        Path file = dir.resolve("gate.db");
        try (SqliteEntryStore store = SqliteEntryStore.open(file, GATE, clock)) {
            for (int i = 1; i <= 4; i++) {
                store.append(SampleDrafts.admit(i));
            }
            assertTrue(store.acknowledge(store.epoch(), 1));
            assertEquals(1, ackedOnDisk(file), "the first one is written at once");

            clock.forward(Duration.ofSeconds(1));
            assertTrue(store.acknowledge(store.epoch(), 2));
            assertEquals(2, store.ackedUpTo());
            assertEquals(
                    List.of(3L, 4L),
                    store.unacked(0, 10).stream().map(StoredEntry::seq).toList());
            assertEquals(1, ackedOnDisk(file), "held in memory: after a crash now seq 2 would be sent again");

            clock.forward(SqliteEntryStore.ACK_PERSIST_INTERVAL);
            assertTrue(store.acknowledge(store.epoch(), 3));
            assertEquals(3, ackedOnDisk(file), "an interval after the last write");
            assertTrue(store.acknowledge(store.epoch(), 4));
            assertEquals(3, ackedOnDisk(file));
        }
        assertEquals(4, ackedOnDisk(file), "written on close");
        try (SqliteEntryStore store = SqliteEntryStore.open(file, GATE, clock)) {
            assertEquals(4, store.ackedUpTo());
        }
    }

    @Test
    void aPurgeWritesThePendingAcknowledgementFirstSoItDeletesWhatWasAcknowledged() throws Exception {
        try (SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), GATE, clock)) {
            for (int i = 1; i <= 3; i++) {
                store.append(SampleDrafts.admit(i));
            }
            store.acknowledge(store.epoch(), 1);
            store.acknowledge(store.epoch(), 3);

            assertEquals(3, store.purgeAcknowledged(T0.plusSeconds(1), 10));
        }
    }

    @Test
    void afterACrashTheNextSeqFollowsTheLastRowOrTheAcknowledgementWhicheverIsHigher() throws Exception {
        Path file = dir.resolve("gate.db");
        try (SqliteEntryStore store = SqliteEntryStore.open(file, GATE, clock)) {
            for (int i = 1; i <= 3; i++) {
                store.append(SampleDrafts.admit(i));
            }
        }
        sql(file, "UPDATE meta SET next_seq = 1"); // as after a crash: next_seq is written on close only
        try (SqliteEntryStore store = SqliteEntryStore.open(file, GATE, clock)) {
            assertEquals(3, store.lastSeq());
            assertEquals(4, store.append(SampleDrafts.admit(4)).seq());
        }
        sql(file, "UPDATE meta SET next_seq = 1, acked_up_to = 4");
        sql(file, "DELETE FROM outbox"); // every row acknowledged and purged
        try (SqliteEntryStore store = SqliteEntryStore.open(file, GATE, clock)) {
            assertEquals(5, store.append(SampleDrafts.admit(5)).seq(), "a seq is never used twice in an epoch");
        }
    }

    private static long ackedOnDisk(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT acked_up_to FROM meta")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(Path file, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
