package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.EntryRules;
import org.gatepost.hub.contract.HeartbeatJson;
import org.gatepost.hub.contract.HeartbeatMessage;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store/hub-schema-v1.db} was written by the hub of schema version 1 (before the checkpoint's rules): the
 * admit, deny-fever and no-reading examples of {@code docs/contract/} with the fever alert.
 * {@code store/hub-schema-v2.db} was written by the hub of schema version 2, the last before versioned migrations:
 * the admit, deny-fever and visitor examples, the fever alert acknowledged by {@code alice}, an open
 * {@code store-low} condition with its alert, a dead letter, the account {@code alice} and the list
 * {@code residents} (version 1, two items), with their audit records.
 */
class SchemaUpgradeTest {
    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

    @TempDir
    Path dir;

    private Path version1File() throws Exception {
        Path file = dir.resolve("hub.db");
        try (InputStream in = SchemaUpgradeTest.class.getResourceAsStream("/store/hub-schema-v1.db")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void upgradesAVersion1DatabaseInPlaceKeepingItsEntriesAndAlerts() throws Exception {
        Path file = version1File();

        try (SqliteHubStore store = SqliteHubStore.open(file)) {
            List<EntryView> entries = store.recentEntries(Optional.empty(), 10).stream()
                    .sorted(Comparator.comparingLong(EntryView::seq))
                    .toList();

            assertEquals(
                    List.of(41L, 42L, 43L), entries.stream().map(EntryView::seq).toList());
            assertEquals(
                    List.of(true, false, false),
                    entries.stream().map(EntryView::admitted).toList());
            assertTrue(entries.stream().allMatch(e -> e.rules() == null));
            assertEquals(
                    List.of("fever"),
                    store.recentAlerts(Optional.empty(), 10).stream()
                            .map(AlertView::kind)
                            .toList());
        }
        assertEquals(SqliteHubStore.SCHEMA_VERSION, userVersion(file));
    }

    @Test
    void anUpgradedDatabaseStoresAndReadsBackTheRuleFields() throws Exception {
        Path file = version1File();
        EntryMessage visitor = Contract.entry("entry-visitor.json");

        try (SqliteHubStore store = SqliteHubStore.open(file)) {
            store.commitEntry(visitor, T0, new AlertRules().forEntry(visitor));
        }
        try (SqliteHubStore store = SqliteHubStore.open(file)) {
            EntryView v = store.recentEntries(Optional.empty(), 1).getFirst();

            assertEquals("visitor", v.decision());
            assertTrue(v.admitted());
            assertEquals(visitor.rules(), v.rules());
            assertEquals(
                    new EntryRules.Visitor(52, "赵敏", "13812345678", "3-2-501", "探亲"),
                    v.rules().visitor());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT direction, person_role, household, quarantined, admitted"
                        + " FROM entries WHERE seq = 53")) {
            assertTrue(rs.next());
            assertEquals("in", rs.getString(1));
            assertEquals("visitor", rs.getString(2));
            assertEquals("3-2-501", rs.getString(3));
            assertEquals(0, rs.getInt(4));
            assertEquals(1, rs.getInt(5));
        }
    }

    @Test
    void anUpgradedDatabaseKeepsTheListVersionsAGateReports() throws Exception {
        Path file = version1File();
        ObjectNode n = Contract.json("heartbeat.json");
        n.putObject("lists").put("residents", 6).put("policy", 5);
        HeartbeatMessage h = HeartbeatJson.parse(n.toString().getBytes(StandardCharsets.UTF_8), Contract.GATE);

        try (SqliteHubStore store = SqliteHubStore.open(file)) {
            store.transaction(tx -> {
                tx.storeHealth(h, T0);
                return null;
            });
            assertEquals(
                    "{\"policy\":5,\"residents\":6}",
                    store.gateHealth().getFirst().listsJson());
        }
    }

    private Path version2File() throws Exception {
        Path file = dir.resolve("hub-v2.db");
        try (InputStream in = SchemaUpgradeTest.class.getResourceAsStream("/store/hub-schema-v2.db")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void upgradesAVersion2DatabaseInPlaceKeepingEveryTable() throws Exception {
        Path file = version2File();

        try (Storage storage = Storage.open(StoreSettings.sqlite(file))) {
            HubStore store = storage.hub();
            assertEquals(new StoreCounts(1, 3, 2, 1, 1), store.counts());
            AlertView fever = store.recentAlerts(Optional.empty(), 10).stream()
                    .filter(a -> a.kind().equals("fever"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(1, fever.id());
            assertEquals("alice", fever.acknowledgedBy());
            assertEquals(1, storage.alertActions().actions(List.of(fever.id())).size());
            assertTrue(storage.accounts().account("alice").isPresent());
            assertEquals(
                    1,
                    storage.lists().current("residents").orElseThrow().version().version());
            assertEquals(
                    3,
                    storage.accounts()
                            .auditLog(Optional.empty(), Optional.empty(), 10)
                            .size());
            assertEquals(1, store.deadLetters(10).size());
            assertEquals(
                    Map.of(Contract.GATE, Set.of("store-low")),
                    store.<Map<String, Set<String>>>transaction(HubTransaction::openConditions));
        }
        assertEquals(Migrations.CURRENT, userVersion(file));
    }

    @Test
    void anUpgradedDatabaseHandsOutIdsAfterTheOldOnes() throws Exception {
        Path file = version2File();
        ObjectNode n = Contract.json("entry-deny-fever.json");
        n.put("seq", 99).put("id", Contract.GATE + "-" + Contract.EPOCH + "-99");
        EntryMessage fever = Contract.entry(n.toString().getBytes(StandardCharsets.UTF_8));

        try (Storage storage = Storage.open(StoreSettings.sqlite(file))) {
            storage.hub().commitEntry(fever, T0, new AlertRules().forEntry(fever));
            storage.accounts().audit(AuditRecord.of(T0, "alice", "test", null, null, null));
            storage.hub().recordDeadLetter(new DeadLetter("t", "x", 1, "test", T0));

            assertEquals(
                    List.of(3L, 2L, 1L),
                    storage.hub().recentAlerts(Optional.empty(), 10).stream()
                            .map(AlertView::id)
                            .sorted(Comparator.reverseOrder())
                            .toList());
            assertEquals(
                    4,
                    storage.accounts()
                            .auditLog(Optional.empty(), Optional.empty(), 1)
                            .getFirst()
                            .id());
            assertEquals(
                    List.of(1L, 2L),
                    storage.hub().deadLetters(10).stream()
                            .map(DeadLetterView::id)
                            .sorted()
                            .toList());
        }
    }

    @Test
    void refusesADatabaseOfANewerHub() throws Exception {
        Path file = dir.resolve("newer.db");
        SqliteHubStore.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, installed_on, execution_time, success)"
                    + " VALUES (99, '" + (Migrations.CURRENT + 1)
                    + "', 'future', 'SQL', 'V9__future.sql', 0, '', '', 0, 1)");
        }

        StoreException e = assertThrows(StoreException.class, () -> SqliteHubStore.open(file));
        assertTrue(e.getMessage().contains("newer than this hub's " + Migrations.CURRENT), e.getMessage());
    }

    @Test
    void bothBackendsHaveTheSameMigrationVersionsUpToTheCurrentOne() throws Exception {
        List<String> sqlite = migrationVersions("sqlite");
        assertEquals(sqlite, migrationVersions("postgresql"));
        assertEquals(String.valueOf(Migrations.CURRENT), sqlite.getLast());
    }

    private static List<String> migrationVersions(String backend) throws Exception {
        Path d = Path.of(
                SchemaUpgradeTest.class.getResource("/db/migration/" + backend).toURI());
        try (var files = Files.list(d)) {
            return files.map(f -> f.getFileName().toString().replaceFirst("^V(\\d+)__.*$", "$1"))
                    .sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
        }
    }

    @Test
    void aNewDatabaseAndAReopenedOneNeedNoUpgrade() throws Exception {
        Path file = dir.resolve("new.db");
        EntryMessage quarantine = Contract.entry("entry-deny-quarantine.json");

        try (SqliteHubStore store = SqliteHubStore.open(file)) {
            store.commitEntry(quarantine, T0, List.of());
        }
        try (SqliteHubStore store = SqliteHubStore.open(file)) {
            EntryView e = store.recentEntries(Optional.empty(), 1).getFirst();
            assertFalse(e.admitted());
            assertTrue(e.rules().person().quarantined());
            assertNull(e.rules().visitor());
        }
        assertEquals(SqliteHubStore.SCHEMA_VERSION, userVersion(file));
    }

    private static int userVersion(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }
}
