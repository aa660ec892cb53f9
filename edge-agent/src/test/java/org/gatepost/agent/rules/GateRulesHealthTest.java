package org.gatepost.agent.rules;

import static org.gatepost.agent.rules.TestLists.ANNA;
import static org.gatepost.agent.rules.TestLists.BO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Temperature;
import org.gatepost.agent.lists.GateLists;
import org.junit.jupiter.api.Test;

/** Where {@code deny-health} stands in the precedence of docs/mqtt.md, under hard and soft enforcement. */
class GateRulesHealthTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:15:00Z");
    private static final Temperature NORMAL = new Temperature(36.62, 35.72, 21.4, 0.9, 3);
    private static final Temperature FEVER = new Temperature(38.05, 37.15, 21.5, 0.9, 3);
    private final GateRules rules =
            new GateRules(37.3, ZoneId.of("Asia/Shanghai"), false, new RetestBook(), (per, key, from, to) -> 0);

    private static GateLists lists(ListPolicy.Enforcement e) {
        return TestLists.with(
                TestLists.policy(e, ListPolicy.Mask.REMINDER, Duration.ZERO, Duration.ZERO, Optional.empty()));
    }

    private static Situation at(GateLists lists, String hash, Temperature t, String direction) {
        return Situation.builder(lists, NOW)
                .credential(new Credential(Credential.KIND_ID_CARD, hash, "110105********002X"), "idcard")
                .temperature(t)
                .direction(direction)
                .build();
    }

    @Test
    void aDenyingColourIsDenyHealthAndNeverSoftened() {
        for (ListPolicy.Enforcement e : ListPolicy.Enforcement.values()) {
            Verdict v = rules.decide(at(lists(e), ANNA, NORMAL, "out"), true);
            assertEquals(Decision.DENY_HEALTH, v.decision(), e.name());
            assertFalse(v.fields().admitted(), e + ": the gate stays closed");
        }
    }

    @Test
    void feverComesFirstAndASoftFeverIsClosedByTheHealthColour() {
        Verdict hard = rules.decide(at(lists(ListPolicy.Enforcement.HARD), ANNA, FEVER, "out"), true);
        assertEquals(Decision.DENY_FEVER, hard.decision());
        Verdict soft = rules.decide(at(lists(ListPolicy.Enforcement.SOFT), ANNA, FEVER, "out"), true);
        assertEquals(Decision.DENY_FEVER, soft.decision(), "the first failing rule is recorded");
        assertFalse(soft.fields().admitted(), "soft enforcement opens for the fever, the health colour keeps it shut");
        assertTrue(
                rules.decide(at(lists(ListPolicy.Enforcement.SOFT), ANNA, FEVER, "out"), false)
                        .fields()
                        .admitted(),
                "without the colour the soft fever opens");
    }

    @Test
    void healthComesBeforeTheIdentityRules() {
        // BO's household is in quarantine and going out: deny-quarantine without the colour
        assertEquals(
                Decision.DENY_QUARANTINE,
                rules.decide(at(lists(ListPolicy.Enforcement.HARD), BO, NORMAL, "out"), false)
                        .decision());
        assertEquals(
                Decision.DENY_HEALTH,
                rules.decide(at(lists(ListPolicy.Enforcement.HARD), BO, NORMAL, "out"), true)
                        .decision());
        assertEquals(
                Decision.DENY_HEALTH,
                rules.decide(at(lists(ListPolicy.Enforcement.HARD), TestLists.STRANGER, NORMAL, "in"), true)
                        .decision(),
                "before unknown");
        assertEquals(
                Decision.ADMIT,
                rules.decide(at(lists(ListPolicy.Enforcement.HARD), ANNA, NORMAL, "out"), false)
                        .decision());
    }
}
