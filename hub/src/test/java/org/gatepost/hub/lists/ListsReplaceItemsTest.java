package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gatepost.hub.store.ListStore;
import org.gatepost.hub.store.ListVersion;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListsReplaceItemsTest extends OnEachBackend {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Storage db;
    private ListStore store;
    private Lists lists;

    @BeforeEach
    void open() throws Exception {
        db = databases.open(backend);
        store = db.lists();
        lists = Lists.open(store, "secret", new ListPublisherTest.RecordingPublisher(), CLOCK);
    }

    @AfterEach
    void close() {
        lists.close();
        db.close();
    }

    @Test
    void replacesTheBlockedAndBadgesListsAsTheirNextVersion() throws Exception {
        ListVersion blocked = lists.replaceItems(
                ListKind.BLOCKED, List.of(JSON.objectNode().put("household", "5-1-302")), "admin", null);
        ObjectNode badge = JSON.objectNode()
                .put("hash", "5928f9e5e4afaef078f772d3bd93bc75845ad4d901be275dbd42828c11267e24")
                .put("masked", "****0016")
                .put("name", "王芳")
                .put("role", "volunteer");
        ListVersion badges = lists.replaceItems(ListKind.BADGES, List.of(badge), "admin", null);

        assertEquals(2, blocked.version());
        assertEquals(1, blocked.items());
        assertEquals(2, badges.version());
        assertEquals(
                List.of(badge.deepCopy()
                        .put("hash", CredentialHasher.upgrade(badge.get("hash").asText()))
                        .toString()),
                store.current("badges").orElseThrow().items(),
                "stored under hash scheme v2");
    }

    @Test
    void refusesOtherListsAndItemsWithoutTheGatesFields() {
        assertThrows(
                IllegalArgumentException.class, () -> lists.replaceItems(ListKind.RESIDENTS, List.of(), "admin", null));
        assertThrows(
                IllegalArgumentException.class,
                () -> lists.replaceItems(
                        ListKind.BADGES,
                        List.of(JSON.objectNode()
                                .put("hash", "ab")
                                .put("name", "王芳")
                                .put("role", "staff")),
                        "admin",
                        null));
        assertThrows(
                IllegalArgumentException.class,
                () -> lists.replaceItems(
                        ListKind.BLOCKED, List.of(JSON.objectNode().put("household", "")), "admin", null));
    }
}
