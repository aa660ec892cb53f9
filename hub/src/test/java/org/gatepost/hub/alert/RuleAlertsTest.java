package org.gatepost.hub.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.store.NewAlert;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

class RuleAlertsTest {
    private static final String BADGE = "5928f9e5e4afaef078f772d3bd93bc75845ad4d901be275dbd42828c11267e24";
    private final AlertRules rules =
            new AlertRules(h -> Optional.ofNullable(Map.of(BADGE, "王芳").get(h)));

    private static EntryMessage edited(String file, String decision, boolean admitted) {
        ObjectNode n = Contract.json(file);
        n.put("decision", decision);
        n.put("admitted", admitted);
        return Contract.entry(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> kindsAndSeverities(List<NewAlert> alerts) {
        return alerts.stream()
                .map(a -> a.kind().wire() + "/" + a.severity().wire())
                .toList();
    }

    /** The kind/severity of each alert raised for {@code file} edited to {@code decision} and {@code admitted}. */
    private List<String> raised(String file, String decision, boolean admitted) {
        return kindsAndSeverities(rules.forEntry(edited(file, decision, admitted)));
    }

    @Test
    void aQuarantineDenialRaisesAHighBreachKeyedOnTheEntry() {
        List<NewAlert> alerts = rules.forEntry(Contract.entry("entry-deny-quarantine.json"));

        assertEquals(List.of("quarantine-breach/high"), kindsAndSeverities(alerts));
        NewAlert a = alerts.getFirst();
        assertEquals("quarantine-breach:north-gate-3f9a1c2e7b5d4e60-44", a.dedupeKey());
        assertEquals("north-gate-3f9a1c2e7b5d4e60-44", a.entryId());
        assertEquals(
                "quarantine breach: credential 440524********0014 of household 3-2-502 going out at gate"
                        + " north-gate, denied",
                a.message());
    }

    @Test
    void aSoftEnforcementQuarantineEntryRaisesTheSameHighBreachSayingItWasLetThrough() {
        List<NewAlert> alerts = rules.forEntry(edited("entry-deny-quarantine.json", "deny-quarantine", true));

        assertEquals(List.of("quarantine-breach/high"), kindsAndSeverities(alerts));
        assertTrue(alerts.getFirst().message().endsWith("let through (soft enforcement)"));
    }

    @Test
    void aQuarantinedResidentComingInRaisesAMediumBreach() {
        ObjectNode n = Contract.json("entry-deny-quarantine.json");
        n.put("decision", "admit");
        n.put("admitted", true);
        n.put("direction", "in");

        List<NewAlert> alerts = rules.forEntry(Contract.entry(n.toString().getBytes(StandardCharsets.UTF_8)));

        assertEquals(List.of("quarantine-breach/medium"), kindsAndSeverities(alerts));
        assertEquals(
                "quarantined person passed: credential 440524********0014 of household 3-2-502 at gate"
                        + " north-gate (admit, in)",
                alerts.getFirst().message());
    }

    @Test
    void blockedUnknownAndQuotaRaiseTheirKindsForHardAndSoftEnforcement() {
        for (boolean admitted : new boolean[] {false, true}) {
            assertEquals(List.of("blocked-household/medium"), raised("entry-retest.json", "deny-blocked", admitted));
            assertEquals(List.of("quota/low"), raised("entry-override.json", "deny-quota", admitted));
            assertEquals(List.of("fever/high"), raised("entry-retest.json", "deny-fever", admitted));
        }
        assertEquals(List.of("unknown-credential/low"), raised("entry-retest.json", "unknown", false));
        assertEquals(
                "exit quota: credential 110105********002X of household 3-2-501 at gate north-gate"
                        + " (2 of 1 exits per household per day), denied",
                rules.forEntry(edited("entry-override.json", "deny-quota", false))
                        .getFirst()
                        .message());
    }

    @Test
    void anOverrideNamesTheVolunteerTheEntryAndTheReason() {
        List<NewAlert> alerts = rules.forEntry(Contract.entry("entry-override.json"));

        assertEquals(List.of("override/low"), kindsAndSeverities(alerts));
        assertEquals(
                "override at gate north-gate: entry 47 (credential 110105********002X) let through,"
                        + " reason medical-emergency, by 王芳",
                alerts.getFirst().message());
        assertEquals(
                "override:north-gate-3f9a1c2e7b5d4e60-48", alerts.getFirst().dedupeKey());
    }

    @Test
    void anOverrideByABadgeNotOnTheListShowsNoHash() {
        NewAlert a =
                new AlertRules().forEntry(Contract.entry("entry-override.json")).getFirst();

        assertTrue(a.message().endsWith("by an unlisted badge"), a.message());
        assertTrue(!a.message().contains("5928"), a.message());
    }

    @Test
    void retestVisitorSignInAndAdmitRaiseNothing() {
        for (String file :
                List.of("entry-retest.json", "entry-visitor.json", "entry-sign-in.json", "entry-admit.json")) {
            assertEquals(List.of(), rules.forEntry(Contract.entry(file)), file);
        }
    }
}
