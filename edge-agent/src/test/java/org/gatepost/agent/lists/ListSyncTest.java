package org.gatepost.agent.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.testing.HubLists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListSync on a real SQLite file under @TempDir, shared with the outbox as on a gate. */
class ListSyncTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, Long> EXAMPLE_VERSIONS =
            Map.of("residents", 7L, "quarantine", 3L, "blocked", 2L, "badges", 4L, "policy", 5L, "passes", 3L);

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("gate.db");
    }

    private static void publish(ListSync sync, HubLists.Version v) {
        for (int i = 0; i < v.parts().size(); i++) {
            sync.received(v.topic(i + 1), v.parts().get(i));
        }
        sync.received(HubLists.MANIFEST, HubLists.manifest(v));
    }

    private ListSync withExamples() throws Exception {
        ListSync sync = ListSync.open(file(), CLOCK);
        HubLists.exampleMessages().forEach(sync::received);
        return sync;
    }

    @Test
    void theContractExamplesApplyAsOneSnapshot() throws Exception {
        try (ListSync sync = withExamples()) {
            GateLists l = sync.current();

            assertEquals(EXAMPLE_VERSIONS, l.versions());
            assertTrue(l.identifies());
            assertEquals(
                    "3-2-501",
                    l.resident("d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723")
                            .orElseThrow()
                            .household());
            assertTrue(l.blocked("7-1-101"));
            assertTrue(l.quarantined("none", "5-1-302", Instant.parse("2026-12-01T00:00:00Z")));
            assertEquals(37.3, l.policy().orElseThrow().thresholdC());
            assertEquals(1, l.badges().size());
        }
    }

    @Test
    void keepsTheListsAcrossARestartInTheOutboxsDatabaseFile() throws Exception {
        try (SqliteEntryStore outbox = SqliteEntryStore.open(file(), "north-gate", CLOCK);
                ListSync sync = withExamples()) {
            publish(sync, HubLists.split("residents", 8, HubLists.residents(1500)));
            assertEquals(8L, sync.versions().get("residents"));
            assertTrue(outbox.lastSeq() >= 0);
        }

        try (SqliteEntryStore outbox = SqliteEntryStore.open(file(), "north-gate", CLOCK);
                ListSync again = ListSync.open(file(), CLOCK)) {
            assertEquals(8L, again.versions().get("residents"));
            assertEquals(1500, again.current().residents().size());
            assertEquals(3L, again.versions().get("quarantine"));
            assertTrue(again.current().policy().isPresent());

            again.received(HubLists.ROOT + "residents/1", HubLists.examplePart("residents"));
            again.received(HubLists.MANIFEST, HubLists.exampleManifest());
            assertEquals(8L, again.versions().get("residents"), "version 7 is lower than the one kept");
        }
    }

    @Test
    void aMultiPartVersionAppliesWithAllItsItemsInOrder() throws Exception {
        try (ListSync sync = ListSync.open(file(), CLOCK)) {
            HubLists.Version v = HubLists.split("residents", 2, Instant.EPOCH, HubLists.residents(300), 8 * 1024);
            assertTrue(v.parts().size() > 3);
            publish(sync, v);

            assertEquals(300, sync.current().residents().size());
            assertTrue(sync.current().resident(HubLists.hash(299)).isPresent());
        }
        try (ListSync again = ListSync.open(file(), CLOCK)) {
            assertEquals(300, again.current().residents().size());
        }
    }

    @Test
    void aChecksumMismatchKeepsTheVersionHeld() throws Exception {
        try (ListSync sync = withExamples()) {
            GateLists before = sync.current();
            HubLists.Version v8 = HubLists.split("residents", 8, HubLists.residents(2));
            sync.received(v8.topic(1), v8.parts().getFirst());
            sync.received(
                    HubLists.MANIFEST,
                    HubLists.manifest(new HubLists.Version(
                            "residents",
                            8,
                            2,
                            v8.parts(),
                            HubLists.split("residents", 8, HubLists.residents(3))
                                    .sha256())));

            assertSame(before, sync.current());
        }
    }

    @Test
    void aBadItemRejectsTheWholeVersionAndTheOldOneStays() throws Exception {
        try (ListSync sync = withExamples()) {
            List<ObjectNode> items = HubLists.residents(10);
            items.get(6).remove("name");
            publish(sync, HubLists.split("residents", 8, items));

            assertEquals(7L, sync.versions().get("residents"));
            assertEquals(2, sync.current().residents().size());
        }
        try (ListSync again = ListSync.open(file(), CLOCK)) {
            assertEquals(7L, again.versions().get("residents"), "the rejected version was not stored");
        }
    }

    @Test
    void aVersionThatCannotBeStoredIsNotApplied() throws Exception {
        ListSync sync = withExamples();
        GateLists before = sync.current();
        sync.close();

        publish(sync, HubLists.split("residents", 8, HubLists.residents(2)));

        assertSame(before, sync.current());
    }

    @Test
    void aStoredVersionThatNoLongerVerifiesIsLeftOutAtStart() throws Exception {
        try (ListSync sync = withExamples()) {
            assertEquals(EXAMPLE_VERSIONS, sync.versions());
        }
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + file());
                var st = conn.createStatement()) {
            st.executeUpdate("UPDATE list_part SET payload = CAST('{}' AS BLOB) WHERE list = 'blocked'");
        }

        try (ListSync again = ListSync.open(file(), CLOCK)) {
            assertEquals(null, again.versions().get("blocked"));
            assertEquals(7L, again.versions().get("residents"));
            again.received(HubLists.ROOT + "blocked/1", HubLists.examplePart("blocked"));
            again.received(HubLists.MANIFEST, HubLists.exampleManifest());
            assertEquals(2L, again.versions().get("blocked"), "the hub's republication repairs it");
        }
    }
}
