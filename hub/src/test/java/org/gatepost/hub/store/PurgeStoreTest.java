package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PurgeStore} on both backends: the personal data goes, the anonymous counts stay, the database files keep
 * no copy of it, and the gates' confirmations are recorded once.
 */
class PurgeStoreTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Instant PURGE_AT = Instant.parse("2026-12-01T10:00:00Z");
    /** Personal data of the contract's examples and of the list below: none may survive the purge. */
    private static final List<String> PERSONAL = List.of(
            "赵敏",
            "13812345678",
            "320102********1234",
            "0b6f1c5d2e3a4f5061728394a5b6c7d8e9f00112233445566778899aabbccdde",
            "3-2-501",
            "张伟",
            "110105********002X",
            "d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723",
            "5928f9e5e4afaef078f772d3bd93bc75845ad4d901be275dbd42828c11267e24",
            "contact of 张伟");

    private Storage storage;
    private HubStore store;
    private final AlertRules rules = new AlertRules();

    @BeforeEach
    void open() throws Exception {
        storage = databases.open(backend);
        store = storage.hub();
    }

    private void ingest(String file) throws StoreException {
        EntryMessage e = Contract.entry(file);
        store.transaction(tx -> tx.entry(e, T0, rules.forEntry(e)));
    }

    /** Entries with a visitor, an override, a fever and a quarantine denial, a list, a dead letter, a trace audit. */
    private void fill() throws StoreException {
        for (String f : List.of(
                "entry-admit.json",
                "entry-deny-fever.json",
                "entry-visitor.json",
                "entry-override.json",
                "entry-deny-quarantine.json",
                "entry-sign-in.json")) {
            ingest(f);
        }
        ListStore lists = storage.lists();
        lists.ensure("policy", List.of("{\"threshold_c\":37.3}"), List.of(""), T0);
        var residents = Contract.json("lists-residents.json").get("items");
        List<String> items = new ArrayList<>();
        List<String> search = new ArrayList<>();
        residents.forEach(n -> {
            items.add(n.toString());
            search.add(n.get("name").asText() + " " + n.get("masked").asText());
        });
        lists.replace(
                "residents",
                items,
                search,
                T0,
                AuditRecord.of(T0, "admin", "list-import", "residents", "applied: 2 items", null));
        store.recordDeadLetter(new DeadLetter(
                "gatepost/v1/gates/north-gate/entries",
                new String(Contract.bytes("entry-visitor.json"), StandardCharsets.UTF_8),
                100,
                "test",
                T0));
        lists.audit(AuditRecord.of(
                T0,
                "admin",
                "trace-person",
                "masked 320102********1234",
                "results=3 reason=contact of 张伟",
                "127.0.0.1"));
    }

    @Test
    void deletesThePersonalDataAndKeepsTheAnonymousCounts() throws Exception {
        fill();
        StoreCounts before = store.counts();
        List<DecisionCount> decisionsBefore =
                storage.dutyLog().decisions(Contract.GATE, T0.minusSeconds(86_400 * 30), Optional.empty());
        assertTrue(
                bytesContain(PERSONAL.get(0)), "the search finds the name before the purge, so it can fail after it");

        PurgeStore.Purge p = storage.purges().purge("purge-1", PURGE_AT, "admin", "127.0.0.1");

        assertEquals("purge-1", p.id());
        assertEquals(6L, p.deleted().get("entries"), p.deleted().toString());
        assertEquals(2L, p.deleted().get("list_items"));
        assertEquals(1L, p.deleted().get("dead_letters"));
        assertEquals(1L, p.deleted().get("audit_details"));
        assertTrue(p.deleted().get("alert_messages") >= 3, p.deleted().toString());
        StoreCounts after = store.counts();
        assertEquals(before.entries(), after.entries());
        assertEquals(before.alerts(), after.alerts());
        assertEquals(0, after.deadLetters());
        assertEquals(
                decisionsBefore,
                storage.dutyLog().decisions(Contract.GATE, T0.minusSeconds(86_400 * 30), Optional.empty()));
        StoredList residents = storage.lists().current("residents").orElseThrow();
        assertEquals(List.of(), residents.items());
        assertEquals(2, residents.version().version(), "the empty list is the next version");
        assertEquals(1, storage.lists().current("policy").orElseThrow().items().size(), "the policy stays");
        assertEquals(
                List.of(new PurgeStore.PurgeGate(Contract.GATE, Optional.empty(), Optional.empty(), Map.of())),
                p.gates());
        List<EntryView> views = store.recentEntries(Optional.empty(), 100);
        assertEquals(6, views.size(), "every entry still reads");
        for (EntryView v : views) {
            assertTrue(v.rules() == null
                    || v.rules().person() == null
                    || v.rules().person().household() == null);
            assertTrue(v.rules() == null
                    || v.rules().visitor() == null && v.rules().duty().isEmpty());
        }
        for (String s : PERSONAL) {
            assertFalse(tablesContain(s), "a table still holds " + s);
            assertFalse(bytesContain(s), "the database files still hold " + s);
        }
        List<AuditRecord> audit = storage.accounts().auditLog(Optional.empty(), Optional.of("purge"), 10);
        assertEquals(1, audit.size());
        assertEquals("purge-1", audit.getFirst().target());
        assertTrue(
                audit.getFirst().detail().contains("entries=6"),
                audit.getFirst().detail());
    }

    @Test
    void aGateConfirmsOnceAndItsLaterEntriesAreScrubbed() throws Exception {
        ingest("entry-admit.json");
        storage.purges().purge("purge-1", PURGE_AT, "admin", null);
        ingest("entry-visitor.json"); // the gate's backlog, sent before it purged
        assertTrue(tablesContain("赵敏"));

        Instant received = PURGE_AT.plusSeconds(60);
        PurgeStore.PurgeGate g = storage.purges()
                .confirm(
                        "purge-1",
                        Contract.GATE,
                        PURGE_AT.plusSeconds(50),
                        Map.of("entries", 12L, "list_parts", 5L),
                        received)
                .orElseThrow();

        assertEquals(Optional.of(received), g.confirmedAt());
        assertEquals(Map.of("entries", 12L, "list_parts", 5L), g.deleted());
        assertFalse(tablesContain("赵敏"), "the backlog's visitor is scrubbed when the gate confirms");
        PurgeStore.PurgeGate again = storage.purges()
                .confirm(
                        "purge-1",
                        Contract.GATE,
                        PURGE_AT.plusSeconds(90),
                        Map.of("entries", 0L),
                        received.plusSeconds(60))
                .orElseThrow();
        assertEquals(g, again, "a repeated report changes nothing");
        assertEquals(
                Optional.empty(),
                storage.purges().confirm("purge-unknown", Contract.GATE, PURGE_AT, Map.of(), received));
        PurgeStore.PurgeGate other = storage.purges()
                .confirm("purge-1", "south-gate", PURGE_AT, Map.of(), received)
                .orElseThrow();
        assertTrue(other.confirmed(), "a gate the hub did not know yet is recorded when it reports");
        assertEquals(
                List.of(Contract.GATE, "south-gate"),
                storage.purges().latest().orElseThrow().gates().stream()
                        .map(PurgeStore.PurgeGate::gate)
                        .toList());
    }

    /** Whether any text column of the purged tables contains {@code s}, by SQL. */
    private boolean tablesContain(String s) throws Exception {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            for (String q : List.of(
                    "SELECT payload || coalesce(rules, '') || coalesce(credential_hash, '')"
                            + " || coalesce(credential_masked, '') || coalesce(household, '') FROM entries",
                    "SELECT item || search FROM list_items",
                    "SELECT payload FROM dead_letters",
                    "SELECT message FROM alerts",
                    "SELECT coalesce(target, '') || coalesce(detail, '') FROM audit_log")) {
                try (ResultSet rs = st.executeQuery(q)) {
                    while (rs.next()) {
                        if (rs.getString(1) != null && rs.getString(1).contains(s)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private Connection connect() throws Exception {
        StoreSettings s = databases.settings(backend);
        return DriverManager.getConnection(
                s.url().orElse("jdbc:sqlite:" + s.path()),
                s.username().orElse(null),
                s.password().orElse(null));
    }

    /**
     * Whether the bytes of the database's files contain {@code s} (UTF-8): the SQLite file and its WAL; on PostgreSQL
     * the files of the purged tables after a checkpoint.
     */
    private boolean bytesContain(String s) throws Exception {
        byte[] needle = s.getBytes(StandardCharsets.UTF_8);
        List<Path> files = new ArrayList<>();
        if (backend == Backend.SQLITE) {
            Path db = databases.settings(backend).path();
            files.add(db);
            files.add(db.resolveSibling(db.getFileName() + "-wal"));
        } else {
            try (Connection c = connect();
                    Statement st = c.createStatement()) {
                st.execute("CHECKPOINT");
                String dir;
                try (ResultSet rs = st.executeQuery("SELECT current_setting('data_directory')")) {
                    rs.next();
                    dir = rs.getString(1);
                }
                for (String t : List.of("entries", "list_items", "dead_letters", "alerts", "audit_log")) {
                    try (ResultSet rs = st.executeQuery("SELECT pg_relation_filepath('" + t + "'),"
                            + " pg_relation_filepath(reltoastrelid) FROM pg_class WHERE relname = '" + t + "'")) {
                        rs.next();
                        files.add(Path.of(dir, rs.getString(1)));
                        if (rs.getString(2) != null) {
                            files.add(Path.of(dir, rs.getString(2)));
                        }
                    }
                }
            }
        }
        for (Path f : files) {
            if (Files.exists(f) && indexOf(Files.readAllBytes(f), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
