package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HubStoreOnEachBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pending-retests list made from stored entries ({@code docs/mqtt.md}, Pending retests) on both backends: a
 * first fever reading adds its credential, a hold at another gate changes nothing, the entry that decides removes
 * it, an item expires an hour after its rest; the list goes out when it changes and every 30 s.
 */
class PendingRetestsTest extends HubStoreOnEachBackend {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** {@code entry-retest.json}: north gate, seq 43, at 08:16:40 (clock synchronised), rest 300 s, 37.62 °C. */
    private static final Instant FIRST = Instant.parse("2026-11-28T08:16:40Z");

    private static final String HASH = "d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723";
    private final List<byte[]> published = new ArrayList<>();
    private final AtomicBoolean holdsLease = new AtomicBoolean(true);
    private PendingRetests retests;

    @BeforeEach
    void open() throws Exception {
        retests = new PendingRetests(
                store,
                (topic, payload) -> {
                    assertEquals(PendingRetests.TOPIC, topic);
                    published.add(payload);
                },
                Clock.systemUTC(),
                holdsLease::get);
    }

    private void store(String gate, long seq, String decision, Instant receivedAt, ObjectNode retest) throws Exception {
        ObjectNode n = Contract.json("entry-retest.json");
        n.put("gate", gate);
        n.put("seq", seq);
        n.put("id", gate + "-" + n.get("epoch").textValue() + "-" + seq);
        n.put("decision", decision);
        n.put("admitted", !decision.equals("retest"));
        n.set("retest", retest);
        EntryMessage e = ContractJson.parseEntry(n.toString().getBytes(StandardCharsets.UTF_8), gate);
        store.commitEntry(e, receivedAt, new AlertRules().forEntry(e));
    }

    private static ObjectNode retest(Long restS, long firstSeq, Double firstBodyC) {
        ObjectNode r = MAPPER.createObjectNode();
        if (restS != null) {
            r.put("rest_s", restS);
        }
        r.put("first_seq", firstSeq);
        if (firstBodyC != null) {
            r.put("first_body_c", firstBodyC);
        }
        return r;
    }

    private JsonNode lastItems() throws Exception {
        return MAPPER.readTree(published.get(published.size() - 1)).get("items");
    }

    @Test
    void aFirstFeverReadingIsListedUntilTheEntryThatDecides() throws Exception {
        store("north-gate", 43, "retest", FIRST.plusSeconds(1), retest(300L, 43, null));
        retests.tick(FIRST.plusSeconds(2));
        JsonNode item = lastItems().get(0);
        assertEquals(1, lastItems().size());
        assertEquals(HASH, item.get("hash").asText());
        assertEquals("north-gate", item.get("gate").asText());
        assertEquals(43, item.get("first_seq").asLong());
        assertEquals(37.62, item.get("first_body_c").asDouble());
        assertEquals("2026-11-28T08:16:40.000Z", item.get("first_at").asText());
        assertEquals("2026-11-28T08:21:40.000Z", item.get("until").asText());
        assertEquals("2026-11-28T09:21:40.000Z", item.get("expires").asText());

        store("south-gate", 7, "retest", FIRST.plusSeconds(28), retest(300L, 43, null));
        retests.tick(FIRST.plusSeconds(29));
        assertEquals(1, published.size(), "a hold at another gate changes nothing: not published again");

        store("south-gate", 8, "deny-fever", FIRST.plusSeconds(301), retest(null, 43, 37.62));
        retests.tick(FIRST.plusSeconds(302));
        assertEquals(2, published.size());
        assertEquals(0, lastItems().size(), "the re-measure decided");
    }

    @Test
    void anItemExpiresAnHourAfterItsRest() throws Exception {
        store("north-gate", 43, "retest", FIRST.plusSeconds(1), retest(300L, 43, null));
        retests.tick(FIRST.plusSeconds(300).plus(PendingRetests.EXPIRY).minusMillis(1));
        assertEquals(1, lastItems().size());
        retests.tick(FIRST.plusSeconds(300).plus(PendingRetests.EXPIRY));
        assertEquals(0, lastItems().size());
    }

    @Test
    void anUnchangedListIsPublishedAgainEveryThirtySecondsAndOnlyByTheLeaseHolder() throws Exception {
        retests.tick(FIRST);
        retests.tick(FIRST.plusSeconds(29));
        assertEquals(1, published.size());
        retests.tick(FIRST.plus(PendingRetests.EVERY));
        assertEquals(2, published.size(), "a fresh published_at tells the gates the hub is alive");
        assertEquals(
                "2026-11-28T08:17:10.000Z",
                MAPPER.readTree(published.get(1)).get("published_at").asText());
        holdsLease.set(false);
        retests.tick(FIRST.plusSeconds(120));
        assertEquals(2, published.size());
        holdsLease.set(true);
        retests.tick(FIRST.plusSeconds(121));
        assertEquals(3, published.size(), "taking the lease publishes at once");
    }

    @Test
    void writesTheContractExampleByteForByte() throws Exception {
        PendingRetests.Item item = new PendingRetests.Item(
                "v2:4b32e4e9143955c1d4c4a90c75e99cbb57af2fc96d699754ee4e7636bf47b30f",
                "south-gate",
                41,
                38.8,
                Instant.parse("2026-11-28T08:15:02.417Z"),
                Instant.parse("2026-11-28T08:20:02.417Z"),
                Instant.parse("2026-11-28T09:20:02.417Z"));
        byte[] compact =
                MAPPER.readTree(Contract.bytes("hub-retests.json")).toString().getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(compact, PendingRetests.payload(List.of(item), Instant.parse("2026-11-28T08:15:30Z")));
        assertTrue(compact.length < 512, "one item is about 230 bytes");
    }
}
