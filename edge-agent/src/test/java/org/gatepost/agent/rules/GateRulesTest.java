package org.gatepost.agent.rules;

import static org.gatepost.agent.rules.TestLists.ANNA;
import static org.gatepost.agent.rules.TestLists.BO;
import static org.gatepost.agent.rules.TestLists.CHEN;
import static org.gatepost.agent.rules.TestLists.STAFF;
import static org.gatepost.agent.rules.TestLists.STRANGER;
import static org.gatepost.agent.rules.TestLists.VOLUNTEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.entry.Temperature;
import org.gatepost.agent.lists.GateLists;
import org.junit.jupiter.api.Test;

/** The rules' precedence and fields, with fixed times in Asia/Shanghai and a hand-written exit counter. */
class GateRulesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Saturday 2026-11-28 16:15 in Shanghai. */
    private static final Instant NOW = Instant.parse("2026-11-28T08:15:00Z");

    private static final Temperature NORMAL = new Temperature(36.62, 35.72, 21.4, 0.9, 3);
    private static final Temperature FEVER = new Temperature(38.05, 37.15, 21.5, 0.9, 3);
    private final RecordingCounter exits = new RecordingCounter();
    private final RetestBook retests = new RetestBook();
    private GateRules rules = new GateRules(37.3, SHANGHAI, false, retests, exits);

    /** Counts {@code used} exits for any key and remembers what it was asked. */
    static final class RecordingCounter implements ExitCounter {
        int used;
        final List<String> asked = new ArrayList<>();

        @Override
        public int exits(ListPolicy.ExitQuota.Per per, String key, Instant from, Instant to) {
            asked.add(per + " " + key + " " + from + " " + to);
            return used;
        }
    }

    private static Credential card(String hash) {
        return new Credential(Credential.KIND_ID_CARD, hash, "110105********002X");
    }

    private static Situation at(GateLists lists, String hash, Temperature t, String direction, Instant now) {
        return Situation.builder(lists, now)
                .credential(hash == null ? null : card(hash), hash == null ? null : "idcard")
                .temperature(t)
                .direction(direction)
                .duty(List.of(VOLUNTEER))
                .build();
    }

    private Verdict decide(GateLists lists, String hash, Temperature t, String direction) {
        return rules.decide(at(lists, hash, t, direction, NOW));
    }

    private static ListPolicy quota(
            ListPolicy.ExitQuota.Per per,
            int count,
            ListPolicy.ExitQuota.Period period,
            List<ListPolicy.Window> windows) {
        return TestLists.policy(
                ListPolicy.Enforcement.HARD,
                ListPolicy.Mask.REMINDER,
                Duration.ZERO,
                Duration.ZERO,
                Optional.of(new ListPolicy.ExitQuota(per, count, period, windows)));
    }

    @Test
    void withoutListsAnyCredentialIsAdmittedOnTemperatureWithoutPerson() {
        Verdict v = decide(GateLists.NONE, STRANGER, NORMAL, "out");
        assertEquals(Decision.ADMIT, v.decision());
        assertTrue(v.fields().admitted());
        assertNull(v.fields().person());
        assertNull(v.fields().lists());
        assertEquals(37.3, v.thresholdC());
        assertEquals(
                Decision.DENY_FEVER,
                decide(GateLists.NONE, STRANGER, FEVER, "out").decision());
    }

    @Test
    void anEmptyResidentsListIsNoListAndAdmitsOnTemperature() {
        GateLists empty = GateLists.NONE.with(GateLists.RESIDENTS, 1, Map.of());

        Verdict v = decide(empty, STRANGER, NORMAL, "out");

        assertEquals(Decision.ADMIT, v.decision());
        assertNull(v.fields().person());
        assertEquals(Map.of("residents", 1L), v.fields().lists(), "the entry still names the version it had");
    }

    @Test
    void withoutAPolicyListTheLocalThresholdDecides() {
        rules = new GateRules(38.5, SHANGHAI, false, retests, exits);
        Verdict v = decide(GateLists.NONE, ANNA, FEVER, null);
        assertEquals(Decision.ADMIT, v.decision(), "38.05 is below the local 38.5");
        assertEquals(38.5, v.thresholdC());
    }

    @Test
    void noReadingComesBeforeEveryIdentityRule() {
        Verdict v = decide(TestLists.with(TestLists.plainPolicy()), BO, null, "out");
        assertEquals(Decision.NO_READING, v.decision());
        assertFalse(v.fields().admitted());
        assertTrue(v.fields().person().quarantined());
    }

    @Test
    void firstFeverReadingWithARestIsARetestOfItsOwnEntry() {
        GateLists lists = TestLists.with(TestLists.retestPolicy(Duration.ofSeconds(300)));
        Verdict v = decide(lists, ANNA, FEVER, "out");
        assertEquals(Decision.RETEST, v.decision());
        assertFalse(v.fields().admitted());
        assertTrue(v.startsRetest());
        assertEquals(
                new RuleFields.Retest(300L, RuleFields.Retest.SELF, null),
                v.fields().retest());
    }

    @Test
    void anyReadingBeforeTheRestIsOverIsARetestOfTheFirstEntry() {
        GateLists lists = TestLists.with(TestLists.retestPolicy(Duration.ofSeconds(300)));
        retests.start(ANNA, 41, 37.62, NOW, Duration.ofSeconds(300));
        Verdict v = rules.decide(at(lists, ANNA, NORMAL, "out", NOW.plusSeconds(299)));
        assertEquals(Decision.RETEST, v.decision());
        assertFalse(v.startsRetest());
        assertEquals(new RuleFields.Retest(300L, 41, null), v.fields().retest());
    }

    @Test
    void theFirstReadingAfterTheRestDecidesAndNamesTheFirstReading() {
        GateLists lists = TestLists.with(TestLists.retestPolicy(Duration.ofSeconds(300)));
        retests.start(ANNA, 41, 37.62, NOW, Duration.ofSeconds(300));
        Verdict fever = rules.decide(at(lists, ANNA, FEVER, "out", NOW.plusSeconds(300)));
        assertEquals(Decision.DENY_FEVER, fever.decision());
        assertTrue(fever.endsRetest());
        assertEquals(new RuleFields.Retest(null, 41, 37.62), fever.fields().retest());
        Verdict normal = rules.decide(at(lists, ANNA, NORMAL, "out", NOW.plusSeconds(301)));
        assertEquals(Decision.ADMIT, normal.decision());
        assertEquals(new RuleFields.Retest(null, 41, 37.62), normal.fields().retest());
    }

    @Test
    void aPendingRetestExpiresAnHourAfterTheRest() {
        GateLists lists = TestLists.with(TestLists.retestPolicy(Duration.ofSeconds(300)));
        retests.start(ANNA, 41, 37.62, NOW.minusSeconds(300), Duration.ofSeconds(300));
        Verdict v = rules.decide(at(lists, ANNA, FEVER, "out", NOW.plus(Duration.ofHours(1))));
        assertEquals(Decision.RETEST, v.decision(), "a new first reading");
        assertTrue(v.startsRetest());
        assertEquals(RuleFields.Retest.SELF, v.fields().retest().firstSeq());
    }

    @Test
    void startingARetestDropsExpiredOnes() {
        retests.start(ANNA, 41, 37.62, NOW, Duration.ofSeconds(300));
        retests.start(BO, 42, 37.9, NOW.plusSeconds(300).plus(RetestBook.EXPIRY), Duration.ofSeconds(300));
        assertEquals(1, retests.size());
    }

    @Test
    void aFeverWithoutACredentialDecidesAtOnce() {
        GateLists lists = TestLists.with(TestLists.retestPolicy(Duration.ofSeconds(300)));
        assertEquals(Decision.DENY_FEVER, decide(lists, null, FEVER, null).decision());
    }

    @Test
    void aQuarantinedHouseholdMayComeInButNotGoOut() {
        GateLists lists = TestLists.with(TestLists.plainPolicy());
        Verdict out = decide(lists, BO, NORMAL, "out");
        assertEquals(Decision.DENY_QUARANTINE, out.decision());
        assertFalse(out.fields().admitted());
        assertEquals(
                new RuleFields.Person("resident", TestLists.QUARANTINED, true),
                out.fields().person());
        assertEquals(
                Decision.DENY_QUARANTINE,
                decide(lists, BO, NORMAL, null).decision(),
                "unknown direction counts as out");
        Verdict in = decide(lists, BO, NORMAL, "in");
        assertEquals(Decision.ADMIT, in.decision());
        assertTrue(in.fields().person().quarantined(), "flagged");
    }

    @Test
    void quarantineThatEndedNoLongerApplies() {
        GateLists lists = TestLists.with(TestLists.plainPolicy());
        Verdict v = rules.decide(at(lists, BO, NORMAL, "out", Instant.parse("2026-12-05T00:00:00Z")));
        assertEquals(Decision.ADMIT, v.decision());
        assertFalse(v.fields().person().quarantined());
    }

    @Test
    void feverComesBeforeQuarantine() {
        assertEquals(
                Decision.DENY_FEVER,
                decide(TestLists.with(TestLists.plainPolicy()), BO, FEVER, "out")
                        .decision());
    }

    @Test
    void aBlockedHouseholdIsDeniedBothWays() {
        GateLists lists = TestLists.with(TestLists.plainPolicy());
        assertEquals(Decision.DENY_BLOCKED, decide(lists, CHEN, NORMAL, "in").decision());
        assertEquals(Decision.DENY_BLOCKED, decide(lists, CHEN, NORMAL, "out").decision());
    }

    @Test
    void anUnknownCredentialIsNotAdmitted() {
        Verdict v = decide(TestLists.with(TestLists.plainPolicy()), STRANGER, NORMAL, "in");
        assertEquals(Decision.UNKNOWN, v.decision());
        assertFalse(v.fields().admitted());
        assertEquals(new RuleFields.Person("unknown", null, false), v.fields().person());
    }

    @Test
    void aBadgePassesAsAdmitWithItsRole() {
        Verdict v = decide(TestLists.with(TestLists.plainPolicy()), STAFF, NORMAL, "out");
        assertEquals(Decision.ADMIT, v.decision());
        assertEquals("staff", v.fields().person().role());
        assertEquals(
                Map.of("residents", 7L, "quarantine", 3L, "blocked", 2L, "badges", 4L, "policy", 5L),
                v.fields().lists());
        assertEquals(List.of(VOLUNTEER), v.fields().duty());
    }

    @Test
    void exitWindowsIncludeTheirStartAndExcludeTheirEnd() {
        GateLists lists = TestLists.with(quota(
                ListPolicy.ExitQuota.Per.HOUSEHOLD,
                1,
                ListPolicy.ExitQuota.Period.DAY,
                List.of(new ListPolicy.Window(6 * 60, 9 * 60))));
        assertEquals(Decision.DENY_QUOTA, decideAtShanghai(lists, "05:59:59"));
        assertEquals(Decision.ADMIT, decideAtShanghai(lists, "06:00:00"));
        assertEquals(Decision.ADMIT, decideAtShanghai(lists, "08:59:59"));
        assertEquals(Decision.DENY_QUOTA, decideAtShanghai(lists, "09:00:00"));
    }

    private Decision decideAtShanghai(GateLists lists, String time) {
        Instant at = LocalDateTime.parse("2026-11-28T" + time).atZone(SHANGHAI).toInstant();
        return rules.decide(at(lists, ANNA, NORMAL, "out", at)).decision();
    }

    @Test
    void theQuotaCountsThisExitAndDeniesWhenUsedUp() {
        GateLists lists = TestLists.with(
                quota(ListPolicy.ExitQuota.Per.HOUSEHOLD, 2, ListPolicy.ExitQuota.Period.DAY, List.of()));
        exits.used = 1;
        Verdict second = decide(lists, ANNA, NORMAL, "out");
        assertEquals(Decision.ADMIT, second.decision());
        assertEquals(
                new RuleFields.Quota("household", "day", 2, 2), second.fields().quota());
        assertEquals(
                List.of("HOUSEHOLD 3-2-501 2026-11-27T16:00:00Z 2026-11-28T16:00:00Z"),
                exits.asked,
                "the local day in Shanghai starts at 16:00 UTC");
        exits.used = 2;
        Verdict third = decide(lists, ANNA, NORMAL, "out");
        assertEquals(Decision.DENY_QUOTA, third.decision());
        assertEquals(
                new RuleFields.Quota("household", "day", 2, 2), third.fields().quota(), "a denied exit is not counted");
    }

    @Test
    void coming_inIsNeverCountedAgainstTheQuota() {
        GateLists lists =
                TestLists.with(quota(ListPolicy.ExitQuota.Per.PERSON, 1, ListPolicy.ExitQuota.Period.WEEK, List.of()));
        exits.used = 5;
        Verdict v = decide(lists, ANNA, NORMAL, "in");
        assertEquals(Decision.ADMIT, v.decision());
        assertNull(v.fields().quota());
        assertTrue(exits.asked.isEmpty());
    }

    @Test
    void aPersonQuotaCountsByCredentialOverTheWeekFromMonday() {
        GateLists lists =
                TestLists.with(quota(ListPolicy.ExitQuota.Per.PERSON, 1, ListPolicy.ExitQuota.Period.WEEK, List.of()));
        decide(lists, ANNA, NORMAL, "out");
        assertEquals(
                List.of("PERSON " + ANNA + " 2026-11-22T16:00:00Z 2026-11-29T16:00:00Z"),
                exits.asked,
                "Monday 2026-11-23 00:00 in Shanghai to the next Monday");
    }

    @Test
    void periodsResetAtLocalMidnightAndOnMonday() {
        Instant beforeMidnight = Instant.parse("2026-11-29T15:59:59Z"); // Sunday 23:59:59 in Shanghai
        Instant midnight = Instant.parse("2026-11-29T16:00:00Z"); // Monday 00:00:00
        assertEquals(
                Instant.parse("2026-11-28T16:00:00Z"),
                ExitPeriods.start(ListPolicy.ExitQuota.Period.DAY, beforeMidnight, SHANGHAI));
        assertEquals(midnight, ExitPeriods.start(ListPolicy.ExitQuota.Period.DAY, midnight, SHANGHAI));
        assertEquals(
                Instant.parse("2026-11-22T16:00:00Z"),
                ExitPeriods.start(ListPolicy.ExitQuota.Period.WEEK, beforeMidnight, SHANGHAI));
        assertEquals(midnight, ExitPeriods.start(ListPolicy.ExitQuota.Period.WEEK, midnight, SHANGHAI));
        assertEquals(
                Instant.parse("2026-12-06T16:00:00Z"),
                ExitPeriods.end(ListPolicy.ExitQuota.Period.WEEK, midnight, SHANGHAI));
    }

    @Test
    void softEnforcementOpensForAFailingRuleAndRecordsIt() {
        GateLists lists = TestLists.with(TestLists.policy(
                ListPolicy.Enforcement.SOFT, ListPolicy.Mask.REMINDER, Duration.ZERO, Duration.ZERO, Optional.empty()));
        for (String hash : List.of(BO, CHEN)) {
            Verdict v = decide(lists, hash, NORMAL, "out");
            assertTrue(v.fields().admitted(), hash);
            assertTrue(v.softAdmitted());
        }
        Verdict fever = decide(lists, ANNA, FEVER, "out");
        assertEquals(Decision.DENY_FEVER, fever.decision());
        assertTrue(fever.fields().admitted());
        Verdict unknown = decide(lists, STRANGER, FEVER, "out");
        assertEquals(Decision.DENY_FEVER, unknown.decision(), "the first failing rule is recorded");
        assertFalse(unknown.fields().admitted(), "an unknown credential is never let through by soft enforcement");
    }

    @Test
    void mustWearDeniesUnlessTheMaskWasConfirmed() {
        rules = new GateRules(37.3, SHANGHAI, true, retests, exits);
        GateLists lists = TestLists.with(TestLists.mustWearPolicy());
        Verdict missing = decide(lists, ANNA, NORMAL, "out");
        assertEquals(Decision.DENY_MASK, missing.decision());
        assertEquals("missing", missing.fields().mask());
        Verdict worn = rules.decide(at(lists, ANNA, NORMAL, "out", NOW).withMaskConfirmed());
        assertEquals(Decision.ADMIT, worn.decision());
        assertEquals("worn", worn.fields().mask());
    }

    @Test
    void reminderAdmitsWithTheMaskMissingAndAsksForTheReminder() {
        rules = new GateRules(37.3, SHANGHAI, true, retests, exits);
        Verdict v = decide(TestLists.with(TestLists.plainPolicy()), ANNA, NORMAL, "out");
        assertEquals(Decision.ADMIT, v.decision());
        assertEquals("missing", v.fields().mask());
        assertTrue(v.maskReminder());
    }

    @Test
    void withoutMaskCheckEntriesCarryNoMask() {
        Verdict v = decide(TestLists.with(TestLists.mustWearPolicy()), ANNA, NORMAL, "out");
        assertEquals(Decision.ADMIT, v.decision());
        assertNull(v.fields().mask());
        assertFalse(v.maskReminder());
    }

    @Test
    void measureOnlyDecidesOnTemperatureAlone() {
        GateLists lists = TestLists.with(new ListPolicy(
                37.3,
                ListPolicy.Enforcement.HARD,
                true,
                ListPolicy.Mask.REMINDER,
                Duration.ZERO,
                Duration.ZERO,
                Optional.empty()));
        Verdict v = decide(lists, STRANGER, NORMAL, "out");
        assertEquals(Decision.ADMIT, v.decision());
        assertNull(v.fields().person());
        assertEquals(Decision.ADMIT, decide(lists, BO, NORMAL, "out").decision());
    }

    @Test
    void aSignInIsNotAPassage() {
        GateLists lists = TestLists.with(TestLists.plainPolicy());
        Situation s = Situation.builder(lists, NOW)
                .credential(card(VOLUNTEER), "idcard")
                .duty(List.of(VOLUNTEER))
                .build();
        Verdict v = rules.duty(Decision.SIGN_IN, s, lists.badge(VOLUNTEER).orElseThrow());
        assertEquals(Decision.SIGN_IN, v.decision());
        assertFalse(v.fields().admitted());
        assertEquals(new RuleFields.Person("volunteer", null, false), v.fields().person());
    }
}
