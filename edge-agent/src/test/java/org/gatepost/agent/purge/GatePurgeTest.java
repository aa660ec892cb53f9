package org.gatepost.agent.purge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.lists.ListSync;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GatePurge} on a real SQLite file on disk: what it deletes, when, what it reports, and that it is done once. */
class GatePurgeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CONTRACT = Path.of("..", "docs", "contract");
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final String GATE = "north-gate";
    private static final String ANNA = "d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723";
    private static final String VOLUNTEER = "5928f9e5e4afaef078f772d3bd93bc75845ad4d901be275dbd42828c11267e24";
    /** What the lists and entries below hold that names someone: none may be left in the file's bytes. */
    private static final List<String> PERSONAL =
            List.of("张伟", "李秀英", "110105********002X", ANNA, VOLUNTEER, "赵敏", "13812345678", "3-2-501");

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(T, ZoneOffset.UTC);

    private static EntryDraft draft(Instant at, String hash, Decision d, RuleFields.Visitor visitor) {
        RuleFields r = RuleFields.builder()
                .admitted(true)
                .direction("out")
                .reader("idcard")
                .person(new RuleFields.Person("resident", "3-2-501", false))
                .duty(List.of(VOLUNTEER))
                .quota(new RuleFields.Quota("household", "day", 2, 1))
                .visitor(visitor)
                .build();
        return SampleDrafts.scanned(at, new Credential("id-card", hash, "110105********002X"), d, r);
    }

    private static byte[] contract(String file) throws Exception {
        return MAPPER.readTree(CONTRACT.resolve(file).toFile()).toString().getBytes(StandardCharsets.UTF_8);
    }

    private void loadContractLists(ListSync lists) throws Exception {
        for (String list : GateLists.NAMES) {
            lists.received("gatepost/v1/hub/lists/" + list + "/1", contract("lists-" + list + ".json"));
        }
        lists.received("gatepost/v1/hub/lists/manifest", contract("lists-manifest.json"));
    }

    private List<String> personalBytesLeft() throws Exception {
        List<String> found = new ArrayList<>();
        for (Path f : List.of(dir.resolve("gate.db"), dir.resolve("gate.db-wal"))) {
            if (!Files.exists(f)) {
                continue;
            }
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String s : PERSONAL) {
                if (bytes.contains(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                    found.add(f.getFileName() + ":" + s);
                }
            }
        }
        return found;
    }

    @Test
    void purgesOnceTheOutboxIsAcknowledgedReportsTheCountsAndLeavesNoPersonalBytes() throws Exception {
        try (SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), GATE, clock);
                ListSync lists = ListSync.open(dir.resolve("gate.db"), clock, GATE)) {
            loadContractLists(lists);
            assertEquals(2, lists.current().residents().size());
            store.append(draft(T, ANNA, Decision.ADMIT, null));
            store.append(draft(T.plusSeconds(1), VOLUNTEER, Decision.SIGN_IN, null));
            store.append(draft(
                    T.plusSeconds(2),
                    ANNA,
                    Decision.VISITOR,
                    new RuleFields.Visitor(1, "赵敏", "13812345678", "3-2-501", "探亲")));
            GatePurge purge = new GatePurge(store, lists, GATE, clock);
            assertFalse(personalBytesLeft().isEmpty(), "the search finds the data before the purge");

            purge.received(Files.readAllBytes(CONTRACT.resolve("command-purge.json")));
            assertEquals(Optional.empty(), purge.reportDue(), "three entries are not acknowledged yet");
            assertEquals(2, lists.current().residents().size(), "nothing is deleted while it waits");

            store.acknowledge(store.epoch(), 2);
            assertEquals(Optional.empty(), purge.reportDue(), "one entry is still not acknowledged");
            store.acknowledge(store.epoch(), 3);
            byte[] report = purge.reportDue().orElseThrow();

            JsonNode r = MAPPER.readTree(report);
            assertEquals(GATE, r.get("gate").asText());
            assertEquals("purge-20261207T101500Z-3f9a", r.get("purge").asText());
            assertEquals("2026-12-07T10:00:00.000Z", r.get("purged_at").asText());
            JsonNode d = r.get("deleted");
            assertEquals(3, d.get("outbox_entries").asLong());
            assertEquals(4, d.get("lists").asLong(), "residents, quarantine, blocked, badges; the policy stays");
            assertEquals(4, d.get("list_parts").asLong());
            assertEquals(1, d.get("duty").asLong());
            assertEquals(2, d.get("last_scans").asLong());
            assertEquals(2, d.get("exits").asLong());
            assertEquals(0, d.get("hub_retests").asLong());
            assertEquals(List.of(), personalBytesLeft());
            assertEquals(0, lists.current().residents().size());
            assertTrue(lists.current().policy().isPresent(), "the policy is kept");
            assertEquals(List.of(), store.duty());
            assertEquals(3, store.lastSeq(), "the numbering goes on");

            purge.reported(report);
            assertEquals(Optional.empty(), purge.reportDue());
            purge.received(Files.readAllBytes(CONTRACT.resolve("command-purge.json")));
            assertArrayEquals(report, purge.reportDue().orElseThrow(), "a repeated command gets the same report");
        }
        try (SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), GATE, clock);
                ListSync lists = ListSync.open(dir.resolve("gate.db"), clock, GATE)) {
            assertEquals(0, lists.current().residents().size(), "the lists stay deleted after a restart");
            store.append(draft(T.plusSeconds(60), ANNA, Decision.ADMIT, null));
            GatePurge purge = new GatePurge(store, lists, GATE, clock);
            purge.received(Files.readAllBytes(CONTRACT.resolve("command-purge.json")));
            store.acknowledge(store.epoch(), 4);
            byte[] again = purge.reportDue().orElseThrow();
            assertEquals(
                    3,
                    MAPPER.readTree(again).get("deleted").get("outbox_entries").asLong(),
                    "after a restart too, the purge is not redone: the first report comes again");
            assertEquals(1, store.range(4, 4, 10).size(), "the entry made after the purge is kept");
        }
    }

    @Test
    void theReportHasTheFieldsOfTheContractExample() throws Exception {
        try (SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), GATE, clock);
                ListSync lists = ListSync.open(dir.resolve("gate.db"), clock, GATE)) {
            GatePurge purge = new GatePurge(store, lists, GATE, clock);
            purge.received(Files.readAllBytes(CONTRACT.resolve("command-purge.json")));
            JsonNode r = MAPPER.readTree(purge.reportDue().orElseThrow());
            JsonNode example =
                    MAPPER.readTree(CONTRACT.resolve("purge-report.json").toFile());
            assertEquals(names(example), names(r));
            assertEquals(names(example.get("deleted")), names(r.get("deleted")));
        }
    }

    @Test
    void aCommandThatIsNotAPurgeChangesNothing() throws Exception {
        try (SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), GATE, clock);
                ListSync lists = ListSync.open(dir.resolve("gate.db"), clock, GATE)) {
            GatePurge purge = new GatePurge(store, lists, GATE, clock);
            purge.received("{\"v\":1,\"command\":\"reboot\",\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            purge.received("{\"v\":1,\"command\":\"purge\",\"id\":\"../x\"}".getBytes(StandardCharsets.UTF_8));
            purge.received("not json".getBytes(StandardCharsets.UTF_8));
            assertEquals(Optional.empty(), purge.reportDue());
            assertEquals(List.of(), store.pendingPurges());
        }
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        out.sort(null);
        return out;
    }
}
