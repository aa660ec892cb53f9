package org.gatepost.agent.rules;

import static org.gatepost.agent.rules.TestLists.ANNA;
import static org.gatepost.agent.rules.TestLists.CHEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gatepost.agent.contract.HubRetests;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Temperature;
import org.gatepost.agent.lists.GateLists;
import org.junit.jupiter.api.Test;

/** A pending retest started at another gate (the hub's list) holds the person here, then lets the re-measure decide. */
class HubRetestsRulesTest {
    private static final Instant FIRST = Instant.parse("2026-11-28T08:15:00Z");
    private static final Duration REST = Duration.ofSeconds(300);
    private static final Temperature NORMAL = new Temperature(36.62, 35.72, 21.4, 0.9, 3);
    private static final Temperature FEVER = new Temperature(38.05, 37.15, 21.5, 0.9, 3);
    private final Map<String, HubRetests.Item> fromHub = new HashMap<>();
    private final RetestBook book = new RetestBook();
    private final GateRules rules = new GateRules(
            37.3,
            ZoneId.of("Asia/Shanghai"),
            false,
            book,
            (hash, now) -> Optional.ofNullable(fromHub.get(hash)).filter(i -> now.isBefore(i.expires())),
            (per, key, from, to) -> 0);
    private final GateLists lists = TestLists.with(TestLists.policy(
            ListPolicy.Enforcement.HARD, ListPolicy.Mask.REMINDER, REST, Duration.ofSeconds(10), Optional.empty()));

    private void southGateToldAnnaToRetest() {
        fromHub.put(
                ANNA,
                new HubRetests.Item(
                        ANNA,
                        "south-gate",
                        41,
                        38.8,
                        FIRST,
                        FIRST.plus(REST),
                        FIRST.plus(REST).plus(RetestBook.EXPIRY)));
    }

    private Verdict scan(String hash, Temperature t, Instant now) {
        return rules.decide(Situation.builder(lists, now)
                .credential(new Credential(Credential.KIND_ID_CARD, hash, "110105********002X"), "idcard")
                .temperature(t)
                .direction("out")
                .build());
    }

    @Test
    void aRetestFromAnotherGateHoldsHereUntilItsRestEnds() {
        southGateToldAnnaToRetest();
        Verdict v = scan(ANNA, NORMAL, FIRST.plusSeconds(28));
        assertEquals(Decision.RETEST, v.decision(), "the demo's resident admitted 28 s later at the north gate");
        assertFalse(v.fields().admitted());
        assertEquals(300L, v.fields().retest().restS());
        assertEquals(41, v.fields().retest().firstSeq(), "names the first reading at the other gate");
        assertFalse(v.startsRetest(), "the hold is not a new first reading");
        assertEquals(
                Decision.ADMIT,
                scan(TestLists.STAFF, NORMAL, FIRST.plusSeconds(28)).decision(),
                "others pass");
    }

    @Test
    void afterTheRestTheReMeasureHereDecidesAndEndsIt() {
        southGateToldAnnaToRetest();
        Verdict fever = scan(ANNA, FEVER, FIRST.plus(REST));
        assertEquals(Decision.DENY_FEVER, fever.decision(), "a second fever reading decides, no second rest");
        assertTrue(fever.endsRetest());
        assertNull(fever.fields().retest().restS());
        assertEquals(38.8, fever.fields().retest().firstBodyC());
        Verdict normal = scan(ANNA, NORMAL, FIRST.plus(REST).plusSeconds(1));
        assertEquals(Decision.ADMIT, normal.decision());
    }

    @Test
    void aRetestThisGateDecidedIsNotAppliedAgainFromTheHubsOlderList() {
        southGateToldAnnaToRetest();
        Instant decided = FIRST.plus(REST).plusSeconds(5);
        assertTrue(scan(ANNA, NORMAL, decided).endsRetest());
        book.end(ANNA, decided);
        Verdict again = scan(ANNA, NORMAL, decided.plusSeconds(30));
        assertEquals(Decision.ADMIT, again.decision(), "the hub has not yet removed the item; this gate knows better");
        assertFalse(again.endsRetest());
    }

    @Test
    void anExpiredItemNoLongerHolds() {
        southGateToldAnnaToRetest();
        Verdict v = scan(ANNA, FEVER, FIRST.plus(REST).plus(RetestBook.EXPIRY));
        assertEquals(Decision.RETEST, v.decision(), "measured as if for the first time");
        assertTrue(v.startsRetest());
    }

    @Test
    void theRemeasureIsDueOnlyAfterTheRest() {
        southGateToldAnnaToRetest();
        assertFalse(rules.remeasureDue(lists, ANNA, FIRST.plusSeconds(299)));
        assertTrue(rules.remeasureDue(lists, ANNA, FIRST.plus(REST)));
        assertFalse(rules.remeasureDue(lists, CHEN, FIRST.plus(REST)));
        book.start(CHEN, 7, 37.9, FIRST, REST);
        assertTrue(rules.remeasureDue(lists, CHEN, FIRST.plus(REST)), "this gate's own retest too");
    }
}
