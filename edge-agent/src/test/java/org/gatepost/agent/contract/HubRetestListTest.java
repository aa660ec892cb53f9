package org.gatepost.agent.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.gatepost.agent.lists.ListSync;
import org.gatepost.agent.testing.ForwardableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's pending-retests message ({@code docs/contract/hub-retests.json}) at the gate, and its keeping. */
class HubRetestListTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("..", "docs", "contract", "hub-retests.json");
    private static final String ANNA = "v2:4b32e4e9143955c1d4c4a90c75e99cbb57af2fc96d699754ee4e7636bf47b30f";

    @TempDir
    Path dir;

    private static ObjectNode example() throws Exception {
        return (ObjectNode) MAPPER.readTree(Files.readAllBytes(EXAMPLE));
    }

    private static byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheContractExampleFieldByField() throws Exception {
        HubRetestList r = HubRetestList.parse(Files.readAllBytes(EXAMPLE), "north-gate");
        assertEquals(Instant.parse("2026-11-28T08:15:30Z"), r.publishedAt());
        assertEquals(Duration.ofSeconds(30), r.every());
        HubRetests.Item i = r.items().get(ANNA);
        assertEquals("south-gate", i.gate());
        assertEquals(41, i.firstSeq());
        assertEquals(38.8, i.firstBodyC());
        assertEquals(Instant.parse("2026-11-28T08:15:02.417Z"), i.firstAt());
        assertEquals(Instant.parse("2026-11-28T08:20:02.417Z"), i.until());
        assertEquals(Instant.parse("2026-11-28T09:20:02.417Z"), i.expires());
        assertEquals(300, i.restS());
        assertTrue(r.pending(ANNA, i.expires().minusMillis(1)).isPresent());
        assertTrue(r.pending(ANNA, i.expires()).isEmpty(), "expired");
    }

    @Test
    void leavesOutTheGatesOwnItems() throws Exception {
        assertTrue(
                HubRetestList.parse(Files.readAllBytes(EXAMPLE), "south-gate")
                        .items()
                        .isEmpty(),
                "the south gate's ledger holds its own retests");
    }

    @Test
    void namesTheFieldOfEveryBrokenRule() {
        assertField("v", n -> n.put("v", 2));
        assertField("published_at", n -> n.put("published_at", "yesterday"));
        assertField("every_s", n -> n.put("every_s", 0));
        assertField("items", n -> n.put("items", "none"));
        assertField("items[0].hash", n -> item(n).put("hash", "110105194912310020"));
        assertField("items[0].gate", n -> item(n).put("gate", "south gate"));
        assertField("items[0].first_seq", n -> item(n).put("first_seq", 0));
        assertField("items[0].first_body_c", n -> item(n).put("first_body_c", 51.0));
        assertField("items[0].until", n -> item(n).put("until", "2026-11-28T09:20:02.418Z"));
        assertField("items[0].expires", n -> item(n).put("expires", "2026-11-28T08:20:02.416Z"));
        assertField("items", n -> {
            for (int i = 0; i < HubRetestList.MAX_ITEMS; i++) {
                n.withArray("items").add(item(n).deepCopy());
            }
        });
    }

    private static ObjectNode item(ObjectNode n) {
        return (ObjectNode) n.get("items").get(0);
    }

    private static void assertField(String field, Consumer<ObjectNode> breakIt) {
        ObjectNode n;
        try {
            n = example();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        breakIt.accept(n);
        HubRetestList.InvalidRetestListException e = assertThrows(
                HubRetestList.InvalidRetestListException.class,
                () -> HubRetestList.parse(bytes(n), "north-gate"),
                field);
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }

    @Test
    void theListSurvivesARestartAndOnlyANewerPublicationCountsAsHearingFromTheHub() throws Exception {
        ForwardableClock clock = new ForwardableClock(Instant.parse("2026-11-28T08:15:31Z"));
        Path file = dir.resolve("gate.db");
        ObjectNode n = example();
        try (ListSync sync = ListSync.open(file, clock, "north-gate")) {
            sync.received(Topics.RETESTS, bytes(n));
            assertTrue(sync.hubRetests().pending(ANNA, clock.instant()).isPresent());
            assertNull(sync.hubHeard(), "the first message may be a retained copy from a hub that has stopped");
            clock.forward(Duration.ofSeconds(30));
            sync.received(Topics.RETESTS, bytes(n));
            assertNull(sync.hubHeard(), "the same publication again");
            n.put("published_at", "2026-11-28T08:16:00.000Z");
            sync.received(Topics.RETESTS, bytes(n));
            assertEquals(new ListSync.HubHeard(clock.instant(), Duration.ofSeconds(30)), sync.hubHeard());
            sync.received(Topics.RETESTS, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
            assertTrue(
                    sync.hubRetests().pending(ANNA, clock.instant()).isPresent(), "a broken message changes nothing");
        }
        try (ListSync restarted = ListSync.open(file, clock, "north-gate")) {
            assertTrue(
                    restarted.hubRetests().pending(ANNA, clock.instant()).isPresent(), "kept in the gate's database");
            assertNull(restarted.hubHeard());
            n.putArray("items");
            n.put("published_at", "2026-11-28T08:16:30.000Z");
            restarted.received(Topics.RETESTS, bytes(n));
            assertTrue(restarted.hubRetests().pending(ANNA, clock.instant()).isEmpty(), "the hub removed it");
        }
        try (ListSync again = ListSync.open(file, clock, "north-gate")) {
            assertTrue(again.hubRetests().pending(ANNA, clock.instant()).isEmpty(), "the removal was kept too");
        }
    }
}
