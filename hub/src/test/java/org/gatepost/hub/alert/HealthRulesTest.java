package org.gatepost.hub.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.gatepost.hub.contract.HeartbeatJson;
import org.gatepost.hub.contract.HeartbeatMessage;
import org.gatepost.hub.contract.InvalidPayloadException;
import org.gatepost.hub.store.ConditionAlert;
import org.gatepost.hub.store.GateHealth;
import org.gatepost.hub.store.Hole;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthRulesTest {
    private final HealthRules rules = new HealthRules();

    private static HeartbeatMessage heartbeat(Consumer<ObjectNode> edit) {
        try {
            return HeartbeatJson.parse(Messages.heartbeat("north-gate", edit), "north-gate");
        } catch (InvalidPayloadException e) {
            throw new AssertionError(e);
        }
    }

    private static GateHealth previous(String boot, long unrecorded) {
        return new GateHealth(
                "north-gate",
                Instant.EPOCH,
                boot,
                "3f9a1c2e7b5d4e60",
                30,
                0,
                0,
                0,
                null,
                unrecorded,
                0,
                1,
                0,
                null,
                true,
                "[]",
                null);
    }

    private Map<String, ConditionAlert> conditions(Consumer<ObjectNode> edit) {
        return rules.conditions(heartbeat(edit), Optional.empty());
    }

    @Test
    void theExampleHeartbeatOfAHealthyGateRaisesNothing() {
        assertEquals(Map.of(), conditions(h -> {}));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "thermometer, connected,    ",
        "thermometer, silent,       high",
        "thermometer, erroring,     high",
        "thermometer, disconnected, high",
        "idcard,      silent,       ",
        "idcard,      erroring,     medium",
        "idcard,      disconnected, medium",
    })
    void aDeviceThatIsNotConnectedIsAFaultExceptAnIdleReader(String device, String state, String severity) {
        Map<String, ConditionAlert> c = conditions(h -> Messages.deviceState(h, device, state));

        if (severity == null) {
            assertEquals(Map.of(), c);
            return;
        }
        ConditionAlert a = c.get("device-fault:" + device);
        assertEquals(Set.of("device-fault:" + device), c.keySet());
        assertEquals("device-fault", a.kind().wire());
        assertEquals(severity, a.severity().wire());
        assertTrue(a.message().contains(device) && a.message().contains(state), a.message());
    }

    @Test
    void aSilentInputIsFineLikeAReader() {
        Map<String, ConditionAlert> c = conditions(h -> {
            ((ObjectNode) h.get("devices").get(1)).put("kind", "input");
            Messages.deviceState(h, "idcard", "silent");
        });

        assertEquals(Map.of(), c);
    }

    @ParameterizedTest(name = "used_pct={0} -> {1}")
    @CsvSource({"79.99, false", "80, true", "100, true"})
    void storageUseOfEightyPercentIsAnAlert(double pct, boolean alert) {
        Map<String, ConditionAlert> c = conditions(h -> ((ObjectNode) h.get("store")).put("used_pct", pct));

        assertEquals(alert, c.containsKey("storage"), c.toString());
    }

    @Test
    void aStorageErrorIsAHighAlert() {
        ConditionAlert a = conditions(h -> ((ObjectNode) h.get("store")).put("error", "SQLITE_FULL"))
                .get("storage");

        assertEquals("storage", a.kind().wire());
        assertEquals("high", a.severity().wire());
        assertTrue(a.message().contains("SQLITE_FULL"), a.message());
    }

    @Test
    void unrecordedDecisionsAreAnAlertOnlyWhileTheyIncrease() {
        HeartbeatMessage two = heartbeat(h -> h.put("unrecorded", 2));
        String boot = two.boot();

        assertTrue(rules.conditions(two, Optional.empty()).containsKey("storage"), "first heartbeat: 0 -> 2");
        assertTrue(rules.conditions(two, Optional.of(previous(boot, 1))).containsKey("storage"), "1 -> 2");
        assertFalse(rules.conditions(two, Optional.of(previous(boot, 2))).containsKey("storage"), "2 -> 2");
        assertTrue(
                rules.conditions(two, Optional.of(previous("an-earlier-boot", 5)))
                        .containsKey("storage"),
                "a new agent run counts from 0 again");
    }

    @ParameterizedTest(name = "backlog={0} age={1} -> {2}")
    @CsvSource({
        "1000, 600,   false",
        "1001, 1,     true",
        "3,    600.5, true",
        "0,    ,      false",
    })
    void aLargeOrOldBacklogIsAMediumAlert(long backlog, Double age, boolean alert) {
        Map<String, ConditionAlert> c = conditions(h -> {
            h.put("backlog", backlog);
            if (age == null) {
                h.putNull("oldest_unsent_age_s");
            } else {
                h.put("oldest_unsent_age_s", age);
            }
        });

        assertEquals(alert, c.containsKey("backlog"), c.toString());
        if (alert) {
            assertEquals("medium", c.get("backlog").severity().wire());
        }
    }

    @Test
    void heartbeatsDecideTheirOwnConditionsButNotMissingEntries() {
        assertTrue(HealthRules.decidedByHeartbeat("device-fault:thermometer"));
        assertTrue(HealthRules.decidedByHeartbeat("storage"));
        assertTrue(HealthRules.decidedByHeartbeat("backlog"));
        assertTrue(HealthRules.decidedByHeartbeat("heartbeat-missed"));
        assertFalse(HealthRules.decidedByHeartbeat(HealthRules.missingEntries("3f9a1c2e7b5d4e60")));
    }

    @Test
    void namesTheMissingRangesAndTheSilence() {
        ConditionAlert missing =
                rules.missingEntries("north-gate", "3f9a1c2e7b5d4e60", List.of(new Hole(44, 57), new Hole(60, 60)));
        ConditionAlert silent = rules.heartbeatMissed("north-gate", Duration.ofSeconds(95), 30);

        assertEquals("missing-entries", missing.kind().wire());
        assertEquals("high", missing.severity().wire());
        assertTrue(missing.message().contains("44..57, 60"), missing.message());
        assertEquals("gate-offline", silent.kind().wire());
        assertEquals("high", silent.severity().wire());
        assertTrue(silent.message().contains("95 s"), silent.message());
    }
}
