package org.gatepost.hub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gatepost.hub.contract.Topics;
import org.junit.jupiter.api.Test;

class AclFileTest {
    private static final List<String> RULES = AclFile.render("gatepost-hub")
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .toList();

    @Test
    void theHubMayReadEverythingItSubscribesTo() {
        for (String filter : Topics.HUB_SUBSCRIPTIONS) {
            assertTrue(RULES.contains("topic read " + filter), "hub cannot read " + filter + ": " + RULES);
        }
    }

    @Test
    void theHubUserBlockComesFirstThenGatePatternsByUserName() {
        assertEquals("user gatepost-hub", RULES.getFirst());
        List<String> patterns =
                RULES.stream().filter(l -> l.startsWith("pattern")).toList();
        assertEquals(
                List.of(
                        "pattern write gatepost/v1/gates/%u/entries",
                        "pattern write gatepost/v1/gates/%u/batch",
                        "pattern write gatepost/v1/gates/%u/heartbeat",
                        "pattern readwrite gatepost/v1/gates/%u/status",
                        "pattern read gatepost/v1/gates/%u/ack",
                        "pattern read gatepost/v1/gates/%u/commands",
                        "pattern write gatepost/v1/gates/%u/purged",
                        "pattern read gatepost/v1/hub/#"),
                patterns);
        assertTrue(RULES.stream().noneMatch(l -> l.contains("%c")), "client ids are claims, not identities");
    }

    @Test
    void onlyTheHubTreeEndsInAHashWhichMoquetteWouldReadAsAComment() {
        assertEquals(
                List.of(
                        "topic write gatepost/v1/hub/#",
                        "topic deny gatepost/v1/gates/gatepost-hub/#",
                        "topic deny gatepost/v1/gates/gatepost-hub-bulk/#",
                        "topic read gatepost/v1/#",
                        "topic deny gatepost/v1/gates/monitor/#",
                        "pattern read gatepost/v1/hub/#"),
                RULES.stream().filter(l -> l.endsWith("#")).toList());
    }

    @Test
    void theMonitorUserReadsEverythingAndIsDeniedTheGateTreeThePatternsWouldGiveIt() {
        int at = RULES.indexOf("user monitor");
        assertEquals(
                List.of("user monitor", "topic read gatepost/v1/#", "topic deny gatepost/v1/gates/monitor/#"),
                RULES.subList(at, at + 3));
        assertTrue(
                RULES.indexOf("pattern write gatepost/v1/gates/%u/entries") > at + 2,
                "patterns follow the user blocks");
    }

    @Test
    void eachHubInstanceGetsTheHubsBlockAndItsBulkBlockUnderItsOwnUsers() {
        List<String> rules = AclFile.render(List.of("hub-1", "hub-2"))
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        for (String hub : List.of("hub-1", "hub-2")) {
            int at = rules.indexOf("user " + hub);
            assertEquals(
                    RULES.subList(1, 9).stream()
                            .map(l -> l.replace("gatepost-hub", hub))
                            .toList(),
                    rules.subList(at + 1, at + 9),
                    hub);
            int bulk = rules.indexOf("user " + hub + "-bulk");
            assertEquals(
                    List.of("topic read gatepost/v1/gates/+/batch", "topic deny gatepost/v1/gates/" + hub + "-bulk/#"),
                    rules.subList(bulk + 1, bulk + 3),
                    hub);
        }
        assertEquals(
                RULES.subList(RULES.indexOf("user monitor"), RULES.size()),
                rules.subList(rules.indexOf("user monitor"), rules.size()),
                "monitor block and gate patterns unchanged");
    }
}
