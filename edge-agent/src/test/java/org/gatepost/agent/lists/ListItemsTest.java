package org.gatepost.agent.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.identity.HashScheme;
import org.gatepost.agent.testing.HubLists;
import org.junit.jupiter.api.Test;

class ListItemsTest {
    private static List<JsonNode> exampleItems(String list) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        HubLists.tree(HubLists.examplePart(list)).get("items").forEach(items::add);
        return items;
    }

    private static ObjectNode policy() throws Exception {
        return (ObjectNode) exampleItems("policy").getFirst().deepCopy();
    }

    private static InvalidListException rejected(String list, List<? extends JsonNode> items) {
        return assertThrows(InvalidListException.class, () -> ListItems.parse(list, 9, List.copyOf(items)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void residentsHashedUnderSchemeV2AreReadAndSetTheGatesScheme() throws Exception {
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode n : exampleItems("residents")) {
            items.add((ObjectNode) n.deepCopy());
        }
        items.getFirst()
                .put("hash", "v2:4b32e4e9143955c1d4c4a90c75e99cbb57af2fc96d699754ee4e7636bf47b30f")
                .put("masked", "110105************");
        items.get(1)
                .put("hash", "v2:952810fb5538f67c840ff360d2bb246cf36ff7cd004e3ffd1a9a609c83e812c4")
                .put("masked", "440524************");
        Map<String, GateLists.Resident> residents =
                (Map<String, GateLists.Resident>) ListItems.parse("residents", 8, List.copyOf(items));
        GateLists lists = GateLists.NONE.with("residents", 8, residents);
        assertEquals(HashScheme.V2, lists.hashScheme());
        assertEquals(
                "张伟",
                lists.resident("v2:4b32e4e9143955c1d4c4a90c75e99cbb57af2fc96d699754ee4e7636bf47b30f")
                        .orElseThrow()
                        .name());

        items.getFirst().put("hash", "v3:4b32e4e9143955c1d4c4a90c75e99cbb57af2fc96d699754ee4e7636bf47b30f");
        assertTrue(rejected("residents", items).getMessage().contains("hash"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGateWithV1ListsOrNoneHashesUnderV1() throws Exception {
        assertEquals(HashScheme.V1, GateLists.NONE.hashScheme());
        Map<String, GateLists.Resident> residents =
                (Map<String, GateLists.Resident>) ListItems.parse("residents", 7, exampleItems("residents"));
        assertEquals(
                HashScheme.V1, GateLists.NONE.with("residents", 7, residents).hashScheme());
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsEveryContractExample() throws Exception {
        Map<String, GateLists.Resident> residents =
                (Map<String, GateLists.Resident>) ListItems.parse("residents", 7, exampleItems("residents"));
        GateLists.Resident zhang = residents.get("d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723");
        assertEquals(
                new GateLists.Resident(zhang.hash(), "110105********002X", "张伟", "3", "2", "3-2-501", "第一网格"), zhang);
        assertEquals(2, residents.size());

        List<GateLists.QuarantineItem> quarantine =
                (List<GateLists.QuarantineItem>) ListItems.parse("quarantine", 3, exampleItems("quarantine"));
        assertEquals(
                new GateLists.QuarantineItem("5-1-302", null, null, Instant.parse("2026-12-05T16:00:00Z")),
                quarantine.getFirst());
        assertEquals("440524********0014", quarantine.get(1).masked());

        assertEquals(Set.of("7-1-101"), ListItems.parse("blocked", 2, exampleItems("blocked")));

        Map<String, GateLists.Badge> badges =
                (Map<String, GateLists.Badge>) ListItems.parse("badges", 4, exampleItems("badges"));
        assertEquals(
                GateLists.Badge.Role.VOLUNTEER,
                badges.values().iterator().next().role());

        ListPolicy p = (ListPolicy) ListItems.parse("policy", 5, exampleItems("policy"));
        assertEquals(37.3, p.thresholdC());
        assertEquals(ListPolicy.Enforcement.HARD, p.enforcement());
        assertFalse(p.measureOnly());
        assertEquals(ListPolicy.Mask.MUST_WEAR, p.mask());
        assertEquals(Duration.ofMinutes(5), p.retestRest());
        assertEquals(Duration.ofSeconds(10), p.duplicateWindow());
        ListPolicy.ExitQuota q = p.exitQuota().orElseThrow();
        assertEquals(ListPolicy.ExitQuota.Per.HOUSEHOLD, q.per());
        assertEquals(1, q.count());
        assertEquals(ListPolicy.ExitQuota.Period.DAY, q.period());
        assertEquals(List.of(new ListPolicy.Window(360, 540), new ListPolicy.Window(1020, 1140)), q.windows());
    }

    @Test
    void aPolicyWithoutQuotaSoftAndReminderReads() throws Exception {
        ObjectNode n = policy();
        n.putNull("exit_quota");
        n.put("enforcement", "soft");
        n.put("mask", "reminder");
        n.put("retest_rest_s", 0);

        ListPolicy p = (ListPolicy) ListItems.parse("policy", 9, List.of(n));

        assertTrue(p.exitQuota().isEmpty());
        assertEquals(ListPolicy.Enforcement.SOFT, p.enforcement());
        assertEquals(ListPolicy.Mask.REMINDER, p.mask());
        assertEquals(Duration.ZERO, p.retestRest());
    }

    @Test
    void anExitWindowMayEndAt24And00() throws Exception {
        ObjectNode n = policy();
        ((ObjectNode) n.get("exit_quota")).putArray("windows").add("18:30-24:00");

        ListPolicy p = (ListPolicy) ListItems.parse("policy", 9, List.of(n));

        assertEquals(
                List.of(new ListPolicy.Window(1110, 1440)),
                p.exitQuota().orElseThrow().windows());
    }

    @Test
    void rejectsEveryBadPolicyFieldNamingIt() throws Exception {
        Map<String, Consumer<ObjectNode>> edits = new LinkedHashMap<>();
        edits.put("threshold_c", n -> n.put("threshold_c", 34.9));
        edits.put("enforcement", n -> n.put("enforcement", "strict"));
        edits.put("measure_only", n -> n.put("measure_only", "no"));
        edits.put("mask", n -> n.put("mask", "optional"));
        edits.put("retest_rest_s", n -> n.put("retest_rest_s", 3601));
        edits.put("duplicate_window_s", n -> n.put("duplicate_window_s", 1.5));
        edits.put("exit_quota.per", n -> ((ObjectNode) n.get("exit_quota")).put("per", "building"));
        edits.put("exit_quota.count", n -> ((ObjectNode) n.get("exit_quota")).put("count", 0));
        edits.put("exit_quota.period", n -> ((ObjectNode) n.get("exit_quota")).put("period", "month"));
        edits.put(
                "exit_quota.windows[0]",
                n -> ((ObjectNode) n.get("exit_quota")).putArray("windows").add("09:00-06:00"));
        edits.put(
                "exit_quota.windows[1]",
                n -> ((ObjectNode) n.get("exit_quota"))
                        .putArray("windows")
                        .add("06:00-07:00")
                        .add("24:00-24:30"));
        edits.put("exit_quota", n -> n.remove("exit_quota"));
        for (var e : edits.entrySet()) {
            ObjectNode n = policy();
            e.getValue().accept(n);
            InvalidListException x = rejected("policy", List.of(n));
            assertTrue(x.problem().startsWith(e.getKey()), e.getKey() + ": " + x.problem());
            assertEquals(0, x.item());
        }
        assertEquals(-1, rejected("policy", List.of(policy(), policy())).item());
    }

    @Test
    void aBadResidentRejectsTheVersionNamingItsIndexAndNeverItsValue() {
        List<ObjectNode> items = HubLists.residents(5);
        items.get(3).put("hash", "Not-A-Hash-张伟");

        InvalidListException e = rejected("residents", items);

        assertEquals(3, e.item());
        assertEquals("residents", e.list());
        assertEquals(9, e.version());
        assertEquals(
                "list=residents version=9 item=3 problem=\"hash: must be 64 lowercase hex digits, or v2: and 64\"",
                e.getMessage());
    }

    @Test
    void rejectsMissingFieldsDuplicatesAndWrongShapes() {
        List<ObjectNode> residents = HubLists.residents(3);
        residents.get(2).put("hash", residents.get(0).get("hash").textValue());
        assertEquals(
                "hash: repeats an earlier item",
                rejected("residents", residents).problem());

        List<ObjectNode> noHousehold = HubLists.residents(2);
        noHousehold.get(1).remove("household");
        assertEquals("household: missing", rejected("residents", noHousehold).problem());

        ObjectNode both = HubLists.MAPPER
                .createObjectNode()
                .put("household", "1-1-101")
                .put("hash", HubLists.hash(1))
                .put("until", "2026-12-01T00:00:00Z");
        assertEquals(
                "exactly one of household and hash",
                rejected("quarantine", List.of(both)).problem());
        ObjectNode badUntil =
                HubLists.MAPPER.createObjectNode().put("household", "1-1-101").put("until", "tomorrow");
        assertEquals(
                "until: must be an ISO-8601 UTC time",
                rejected("quarantine", List.of(badUntil)).problem());

        assertEquals(
                "not an object",
                rejected("blocked", List.of(HubLists.MAPPER.getNodeFactory().textNode("1-1-101")))
                        .problem());

        ObjectNode badge = HubLists.MAPPER
                .createObjectNode()
                .put("hash", HubLists.hash(1))
                .put("masked", "****0016")
                .put("name", "王芳")
                .put("role", "guard");
        assertEquals(
                "role: must be one of staff, volunteer",
                rejected("badges", List.of(badge)).problem());
    }

    @Test
    void anEmptyListHasNoItems() throws Exception {
        assertEquals(Map.of(), ListItems.parse("residents", 1, List.of()));
        assertEquals(Set.of(), ListItems.parse("blocked", 1, List.of()));
        assertEquals(0, ListItems.count(ListItems.parse("quarantine", 1, List.of())));
    }
}
