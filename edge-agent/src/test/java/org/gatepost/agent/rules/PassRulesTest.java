package org.gatepost.agent.rules;

import static org.gatepost.agent.rules.TestLists.BLOCKED;
import static org.gatepost.agent.rules.TestLists.HOME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Temperature;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.pass.PassCheck;
import org.gatepost.agent.pass.PassToken;
import org.junit.jupiter.api.Test;

/** Where a visitor pass's decisions sit in the precedence of docs/mqtt.md, and the fields they carry. */
class PassRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:15:00Z");
    private static final Temperature NORMAL = new Temperature(36.62, 35.72, 21.4, 0.9, 3);
    private static final Temperature FEVER = new Temperature(38.05, 37.15, 21.5, 0.9, 3);
    private static final Credential PASS = new Credential("pass", "f".repeat(64), "************4c70");
    private final GateRules rules =
            new GateRules(37.3, ZoneId.of("Asia/Shanghai"), false, new RetestBook(), (per, key, from, to) -> 0);

    private static PassCheck.Result result(PassCheck.Outcome o, String household) {
        PassToken t = new PassToken(
                "3c5e8a1f9b2d4c70",
                "k",
                household,
                NOW.minusSeconds(3600),
                NOW.plusSeconds(3600),
                true,
                "赵",
                "138****5678");
        return new PassCheck.Result(o, o == PassCheck.Outcome.FORGED ? null : t, o.name());
    }

    /** The visitor pass scanned on the "qr" reader, going in, at {@code t}. */
    private static Situation passAt(GateLists lists, Temperature t, PassCheck.Result pass) {
        return Situation.builder(lists, NOW)
                .credential(PASS, "qr")
                .temperature(t)
                .direction("in")
                .pass(pass)
                .build();
    }

    private Verdict decide(GateLists lists, Temperature t, PassCheck.Result pass) {
        return rules.decide(passAt(lists, t, pass));
    }

    @Test
    void aValidPassAdmitsTheVisitorToTheHostHouseholdWithThePassObject() {
        Verdict v = decide(TestLists.with(TestLists.plainPolicy()), NORMAL, result(PassCheck.Outcome.VALID, HOME));

        assertEquals(Decision.ADMIT_VISITOR, v.decision());
        assertTrue(v.fields().admitted());
        assertEquals("visitor", v.fields().person().role());
        assertEquals(HOME, v.fields().person().household());
        assertEquals("3c5e8a1f9b2d4c70", v.fields().pass().id());
        assertEquals("one", v.fields().pass().uses());
        assertEquals(HOME, v.fields().pass().household());
    }

    @Test
    void aValidPassWorksOnAGateWithoutResidents() {
        GateLists none = GateLists.NONE;
        assertEquals(
                Decision.ADMIT_VISITOR,
                decide(none, NORMAL, result(PassCheck.Outcome.VALID, HOME)).decision());
    }

    @Test
    void eachRefusalGivesItsDecisionAndKeepsTheGateClosed() {
        GateLists lists = TestLists.with(TestLists.plainPolicy());
        for (var c : List.of(
                new Object[] {PassCheck.Outcome.FORGED, Decision.DENY_PASS_FORGED},
                new Object[] {PassCheck.Outcome.REVOKED, Decision.DENY_PASS_REVOKED},
                new Object[] {PassCheck.Outcome.EXPIRED, Decision.DENY_PASS_EXPIRED},
                new Object[] {PassCheck.Outcome.USED, Decision.DENY_PASS_USED})) {
            Verdict v = decide(lists, NORMAL, result((PassCheck.Outcome) c[0], HOME));
            assertEquals(c[1], v.decision());
            assertFalse(v.fields().admitted(), c[1].toString());
        }
    }

    @Test
    void aForgedPassPublishesNoPassObjectAndNoHousehold() {
        Verdict v = decide(TestLists.with(TestLists.plainPolicy()), NORMAL, result(PassCheck.Outcome.FORGED, HOME));

        assertNull(v.fields().pass());
        assertNull(v.fields().person());
    }

    @Test
    void feverComesBeforeThePassAndNoReadingBeforeThat() {
        GateLists lists = TestLists.with(TestLists.plainPolicy());

        assertEquals(
                Decision.DENY_FEVER,
                decide(lists, FEVER, result(PassCheck.Outcome.VALID, HOME)).decision());
        assertEquals(
                Decision.DENY_FEVER,
                decide(lists, FEVER, result(PassCheck.Outcome.FORGED, HOME)).decision());
        assertEquals(
                Decision.NO_READING,
                decide(lists, null, result(PassCheck.Outcome.VALID, HOME)).decision());
    }

    @Test
    void aHealthColourThatDeniesComesBeforeThePass() {
        Verdict v = rules.decide(
                passAt(TestLists.with(TestLists.plainPolicy()), NORMAL, result(PassCheck.Outcome.VALID, HOME)), true);

        assertEquals(Decision.DENY_HEALTH, v.decision());
        assertFalse(v.fields().admitted());
        assertEquals("3c5e8a1f9b2d4c70", v.fields().pass().id(), "the pass is named on the entry it was refused with");
    }

    @Test
    void aBlockedHostHouseholdAndAMissingMaskStillApply() {
        GateLists lists = TestLists.with(TestLists.plainPolicy());
        assertEquals(
                Decision.DENY_BLOCKED,
                decide(lists, NORMAL, result(PassCheck.Outcome.VALID, BLOCKED)).decision());

        GateRules masks = new GateRules(37.3, ZoneId.of("Asia/Shanghai"), true, new RetestBook(), (p, k, f, t) -> 0);
        GateLists mustWear = TestLists.with(TestLists.mustWearPolicy());
        Verdict v = masks.decide(passAt(mustWear, NORMAL, result(PassCheck.Outcome.VALID, HOME)));
        assertEquals(Decision.DENY_MASK, v.decision());
    }
}
