package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.Test;

/**
 * A database at schema version 5 (what the release before sessions moved into the database wrote), built with
 * Flyway's own migrations up to that version and filled through the package's statements, is upgraded to the
 * current version at open keeping every entry, alert, list, account and audit record.
 */
class UpgradeFromSchema5Test extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

    /** The package's statements on one connection, each call one transaction: no migration runs. */
    private record OneConnection(Connection c) implements Database {
        @Override
        public <T> T transact(String what, SqlWork<T> work) throws StoreException {
            try {
                T t = work.run(c);
                c.commit();
                return t;
            } catch (SQLException e) {
                throw new StoreException(what + ": " + e.getMessage(), e);
            }
        }

        @Override
        public <T> T query(String what, SqlWork<T> work) throws StoreException {
            return transact(what, work);
        }
    }

    private Connection connect(StoreSettings s) throws SQLException {
        return DriverManager.getConnection(
                s.url().orElse("jdbc:sqlite:" + s.path()),
                s.username().orElse(null),
                s.password().orElse(null));
    }

    /**
     * An entry and its alerts as a hub of schema 5 stored them: only the columns of that schema (today's
     * {@link EntryWrites} writes columns added later, such as V10's health columns).
     */
    private static void insertAsSchema5(Connection c, EntryMessage e, Instant receivedAt) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO entries (gate, epoch, seq, entry_id, at, received_at, clock_synced,
                  credential_kind, credential_hash, credential_masked,
                  body_c, object_c, ambient_c, offset_c, samples, decision, threshold_c, payload,
                  admitted, direction, reader, person_role, household, quarantined, mask, rules)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            EntryMessage.Temperature t = e.temperature();
            Object[] values = {
                e.gate(),
                e.epoch(),
                e.seq(),
                e.id(),
                Times.format(e.at()),
                Times.format(receivedAt),
                e.clockSynced() ? 1 : 0,
                e.credential().kind(),
                e.credential().hash(),
                e.credential().masked(),
                t.bodyC(),
                t.objectC(),
                t.ambientC(),
                t.offsetC(),
                t.samples(),
                e.decision(),
                e.thresholdC(),
                ContractJson.canonical(e),
                e.admitted() ? 1 : 0,
                null,
                null,
                null,
                null,
                0,
                null,
                null
            };
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            ps.executeUpdate();
        }
        for (NewAlert a : new AlertRules().forEntry(e)) {
            AlertWrites.raise(c, a, receivedAt);
        }
    }

    @Test
    void aSchema5DatabaseUpgradesKeepingItsEntriesAlertsListsAndAccounts() throws Exception {
        StoreSettings settings = databases.empty(backend, "v5");
        String url = settings.url().orElse("jdbc:sqlite:" + settings.path());
        Flyway.configure()
                .dataSource(
                        url,
                        settings.username().orElse(null),
                        settings.password().orElse(null))
                .locations(backend == Backend.SQLITE ? Migrations.SQLITE : Migrations.POSTGRESQL)
                .target("5")
                .load()
                .migrate();
        EntryMessage admit = Contract.entry("entry-admit.json");
        EntryMessage fever = Contract.entry("entry-deny-fever.json");
        try (Connection c = connect(settings)) {
            if (backend == Backend.SQLITE) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA user_version=5"); // as the hub of schema 5 left its files
                }
            }
            c.setAutoCommit(false);
            Database v5 = new OneConnection(c);
            v5.transact("entries", x -> {
                insertAsSchema5(x, admit, T0);
                insertAsSchema5(x, fever, T0.plusSeconds(1));
                return null;
            });
            SqlListStore.open(v5)
                    .replace(
                            "blocked",
                            List.of("{\"household\":\"5-1-302\"}"),
                            List.of("5-1-302"),
                            T0,
                            AuditRecord.of(T0, "admin", "list-import", "blocked", "replaced: 1", null));
            SqlAccountStore.open(v5)
                    .create(
                            new Account("alice", "observer", "$2a$10$hash", T0, T0),
                            AuditRecord.of(T0, "admin", "account-create", "alice", "role=observer", null));
        }

        try (Storage storage = Storage.open(settings)) {
            HubStore store = storage.hub();
            List<EntryView> entries = store.recentEntries(Optional.empty(), 10).stream()
                    .sorted(Comparator.comparingLong(EntryView::seq))
                    .toList();
            assertEquals(
                    List.of(admit.seq(), fever.seq()),
                    entries.stream().map(EntryView::seq).toList());
            assertEquals(
                    List.of("fever"),
                    store.recentAlerts(Optional.empty(), 10).stream()
                            .map(AlertView::kind)
                            .toList());
            StoredList blocked = storage.lists().current("blocked").orElseThrow();
            assertEquals(List.of("{\"household\":\"5-1-302\"}"), blocked.items());
            assertEquals(
                    "observer",
                    storage.accounts().account("alice").orElseThrow().role());
            assertEquals(
                    2,
                    storage.accounts()
                            .auditLog(Optional.empty(), Optional.empty(), 10)
                            .size());
            assertEquals(0, storage.sessions().count(), "the schema-6 tables are there, empty");
        }
        try (Connection c = connect(settings);
                Statement s = c.createStatement();
                var rs = s.executeQuery(
                        "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success")) {
            assertTrue(rs.next());
            assertEquals(Migrations.CURRENT, rs.getInt(1));
        }
    }
}
