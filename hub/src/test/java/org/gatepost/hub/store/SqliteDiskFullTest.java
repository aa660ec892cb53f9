package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite backend's own failure: a full file ({@code SQLITE_FULL}), without root. */
class SqliteDiskFullTest {
    private static final String EPOCH_A = "aaaaaaaaaaaaaaaa";
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    @TempDir
    Path dir;

    @AutoClose
    private SqliteHubStore store;

    private final AlertRules rules = new AlertRules();

    @BeforeEach
    void open() throws Exception {
        store = SqliteHubStore.open(dir.resolve("hub.db"));
    }

    private EntryCommit commit(String epoch, long seq) throws StoreException {
        EntryMessage e = Contract.entry(Contract.admitWithSeq(epoch, seq));
        return store.commitEntry(e, T0.plusSeconds(seq), rules.forEntry(e));
    }

    /**
     * Issue #13: SQLite rolls the transaction back itself on SQLITE_FULL, and the writer connection used to stay
     * outside any transaction, failing every later commit. A full database without root: {@code max_page_count}
     * caps the writer connection's file at its current size (a fresh connection has no cap: "space returned").
     */
    @Test
    void aFullDatabaseIsReportedAndTheNextWriteSucceedsAndRecordsTheAlert() throws Exception {
        commit(EPOCH_A, 1);
        long pages = store.query("page count", c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        store.transact("cap the file", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count=" + pages);
            }
            return null;
        });
        long seq = 2;
        StoreException full = null;
        for (; seq < 10_000 && full == null; seq++) {
            try {
                commit(EPOCH_A, seq);
            } catch (StoreException e) {
                full = e;
            }
        }
        assertNotNull(full, "the capped file never filled");
        assertTrue(full.getMessage().contains("SQLITE_FULL"), full.getMessage());
        assertTrue(store.diskFull().isPresent());
        assertFalse(store.acceptsWrites(), "a full file takes no writes");
        assertEquals(1, store.diskFull().get().writesRefused());
        long refused = seq - 1;

        assertTrue(commit(EPOCH_A, refused).inserted(), "the write after the failure commits");

        assertTrue(store.diskFull().isEmpty());
        assertTrue(store.acceptsWrites());
        assertEquals(refused, store.ackedUpTo("north-gate", EPOCH_A), "every entry once, no gap");
        List<AlertView> alerts = store.recentAlerts(Optional.of(DiskFull.ALERT_GATE), 10);
        assertEquals(1, alerts.size());
        assertEquals("hub-disk-full", alerts.getFirst().kind());
        assertNotNull(alerts.getFirst().resolvedAt());
    }
}
