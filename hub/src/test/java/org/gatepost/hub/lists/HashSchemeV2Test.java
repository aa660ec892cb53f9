package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatepost.hub.store.ListStore;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Hash scheme v2 at the hub: the contract's vectors, the upgrade of stored v1 lists at start, imports; on each backend. */
class HashSchemeV2Test extends OnEachBackend {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode VECTORS = Contract.json("identity-hashes.json");

    @AutoClose
    Storage db;

    /** The contract's vectors, computed independently with the Argon2 reference C library (see the agent's test). */
    @Test
    void everyContractVectorHashesAndMasksLikeTheGates() {
        CredentialHasher h = new CredentialHasher(VECTORS.path("secret").asText());
        assertEquals(2, VECTORS.path("vectors").size());
        for (JsonNode v : VECTORS.path("vectors")) {
            String number = v.path("number").asText();
            assertEquals(v.path("v1").asText(), h.hash(number), number);
            assertEquals(v.path("v2").asText(), h.hashV2(number), number);
            assertEquals(
                    v.path("v2").asText(), CredentialHasher.upgrade(v.path("v1").asText()), number);
            assertEquals(v.path("masked_v2").asText(), CredentialHasher.mask(number), number);
            assertEquals(v.path("masked_v1").asText(), CredentialHasher.maskV1(number), number);
            assertEquals(
                    v.path("masked_v2").asText(),
                    CredentialHasher.remask(v.path("masked_v1").asText()),
                    number);
        }
        JsonNode p = VECTORS.path("argon2id");
        assertEquals(p.path("memory_kib").asInt(), Argon2id.MEMORY_KIB);
        assertEquals(p.path("iterations").asInt(), Argon2id.ITERATIONS);
        assertEquals(p.path("parallelism").asInt(), Argon2id.PARALLELISM);
    }

    @Test
    void aHubStartingOnV1ListsUpgradesThemWithoutTheNumbersAsTheirNextVersion() throws Exception {
        db = databases.open(backend);
        ListStore store = db.lists();
        for (String list : List.of("residents", "quarantine", "badges")) {
            List<String> items = new ArrayList<>();
            List<String> search = new ArrayList<>();
            for (JsonNode n : Contract.json("lists-" + list + ".json").path("items")) {
                items.add(n.toString());
                search.add("");
            }
            store.ensure(list, items, search, CLOCK.instant());
        }

        try (Lists lists =
                Lists.open(store, VECTORS.path("secret").asText(), new ListPublisherTest.RecordingPublisher(), CLOCK)) {
            List<JsonNode> residents = items(store, "residents");
            assertEquals(2, store.current("residents").orElseThrow().version().version());
            for (int i = 0; i < 2; i++) {
                JsonNode v = VECTORS.path("vectors").get(i);
                assertEquals(
                        v.path("v2").asText(), residents.get(i).path("hash").asText());
                assertEquals(
                        v.path("masked_v2").asText(),
                        residents.get(i).path("masked").asText());
            }
            assertEquals("张伟", residents.getFirst().path("name").asText(), "everything but hash and mask is kept");

            List<JsonNode> quarantine = items(store, "quarantine");
            assertEquals("5-1-302", quarantine.getFirst().path("household").asText());
            assertFalse(quarantine.getFirst().has("hash"));
            assertEquals(
                    VECTORS.path("vectors").get(1).path("v2").asText(),
                    quarantine.get(1).path("hash").asText());

            String badgeV1 = Contract.json("lists-badges.json")
                    .path("items")
                    .get(0)
                    .path("hash")
                    .asText();
            assertEquals(
                    CredentialHasher.upgrade(badgeV1),
                    items(store, "badges").getFirst().path("hash").asText());
            assertEquals(Optional.of("王芳"), lists.badgeName(badgeV1), "an entry of a gate still on v1 names its badge");
            assertEquals(Optional.of("王芳"), lists.badgeName(CredentialHasher.upgrade(badgeV1)));
        }
        try (Lists again =
                Lists.open(store, VECTORS.path("secret").asText(), new ListPublisherTest.RecordingPublisher(), CLOCK)) {
            assertEquals(2, store.current("residents").orElseThrow().version().version(), "upgraded once only");
        }
    }

    @Test
    void anImportStoresV2HashesAndMasks() throws Exception {
        db = databases.open(backend);
        ListStore store = db.lists();
        try (Lists lists =
                Lists.open(store, VECTORS.path("secret").asText(), new ListPublisherTest.RecordingPublisher(), CLOCK)) {
            lists.importCsv(
                    ListKind.RESIDENTS,
                    ImportFiles.utf8("name,id_number,household\n张伟,11010519491231002x,3-2-501\n"),
                    Optional.empty(),
                    false,
                    "admin",
                    null);
            JsonNode r = items(store, "residents").getFirst();
            assertEquals(
                    VECTORS.path("vectors").get(0).path("v2").asText(),
                    r.path("hash").asText());
            assertEquals("110105************", r.path("masked").asText());
            assertTrue(lists.residents(Optional.of("0105"), 10).size() == 1, "search by the region still works");
        }
    }

    private static List<JsonNode> items(ListStore store, String list) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String s : store.current(list).orElseThrow().items()) {
            out.add(MAPPER.readTree(s));
        }
        return out;
    }
}
