package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gatepost.hub.shift.DutyEntries;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OneHubOnEachBackend;
import org.gatepost.hub.testing.TestGateClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Entries with rule fields, published like an agent's and ingested by the real hub, as operators and observers
 * see them: names for badges, the visitor's phone masked except for operators' detail and export, the new
 * decisions in search and alerts.
 */
class RuleEntriesApiTest extends OneHubOnEachBackend {
    private static final String GATE = "west-gate";
    private static final String VISITOR_ID = GATE + "-0123456789abcdef-2";

    private ApiSession admin;
    private ApiSession observer;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        admin = ApiSession.admin(hub.httpPort());
        observer = admin.account("street-office", "observer");
        DutyEntries.importBadges(hub.httpPort(), admin.cookie(), admin.csrfToken());
        try (TestGateClient client = TestGateClient.connect(hub.brokerUrl(), GATE)) {
            DutyEntries gate = new DutyEntries(client, GATE);
            gate.publish(1, "2026-11-28T09:00:00Z", "unknown", "320102198001011234", "unknown");
            ObjectNode visitor = gate.entry(2, "2026-11-28T09:01:00Z", "visitor", "320102198001011234", "visitor");
            visitor.put("admitted", true);
            visitor.set("visitor", Contract.json("entry-visitor.json").get("visitor"));
            gate.publish(visitor);
            ObjectNode override = gate.entry(3, "2026-11-28T09:02:00Z", "override", DutyEntries.RESIDENT, "resident");
            override.put("admitted", true);
            ObjectNode o = (ObjectNode) Contract.json("entry-override.json").get("override");
            o.put("by", DutyEntries.badgeHash(DutyEntries.WANG));
            override.set("override", o);
            gate.publish(override);
            Await.until(
                    "3 entries stored",
                    () -> hub.store().recentEntries(Optional.of(GATE), 10).size() == 3);
        }
    }

    @Test
    void theEntryListShowsTheVisitorsNameAMaskedPhoneAndTheNamesOnDuty() {
        JsonNode visitor = admin.getJson("/api/entries?gate=" + GATE + "&decision=visitor")
                .get("entries")
                .get(0);

        assertEquals("visitor", visitor.get("decision").textValue());
        assertTrue(visitor.get("admitted").booleanValue());
        assertEquals("赵敏", visitor.get("visitor").get("name").textValue());
        assertEquals("138****5678", visitor.get("visitor").get("phone_masked").textValue());
        assertTrue(visitor.get("visitor").get("phone").isNull());
        assertEquals("王芳", visitor.get("duty").get(0).textValue());
        assertEquals("visitor", visitor.get("person").get("role").textValue());
    }

    @Test
    void theFullPhoneIsInTheEntryDetailForOperatorsOnly() {
        assertEquals(
                "13812345678",
                admin.getJson("/api/entries/" + VISITOR_ID)
                        .get("visitor")
                        .get("phone")
                        .textValue());
        assertTrue(observer.getJson("/api/entries/" + VISITOR_ID)
                .get("visitor")
                .get("phone")
                .isNull());
        assertEquals(
                404, admin.get("/api/entries/" + GATE + "-0123456789abcdef-99").statusCode());
        assertEquals(404, admin.get("/api/entries/nonsense").statusCode());
    }

    @Test
    void theExportHasTheRuleColumnsWithTheFullPhoneForOperatorsOnly() {
        String operatorCsv = new String(
                admin.getBytes("/api/export/entries.csv?gate=" + GATE).body(), StandardCharsets.UTF_8);
        String observerCsv = new String(
                observer.getBytes("/api/export/entries.csv?gate=" + GATE).body(), StandardCharsets.UTF_8);

        assertTrue(
                operatorCsv.contains(",true,out,idcard,visitor,3-2-501,false,,王芳,赵敏,13812345678,3-2-501,探亲,,,"),
                operatorCsv);
        assertTrue(observerCsv.contains(",赵敏,138****5678,"), observerCsv);
        assertFalse(observerCsv.contains("13812345678"));
        assertTrue(operatorCsv.contains(",47,medical-emergency,王芳"), operatorCsv);
    }

    @Test
    void theNewDecisionsRaiseTheirAlertsAndAnOverrideNamesTheVolunteer() {
        JsonNode alerts = admin.getJson("/api/alerts?gate=" + GATE).get("alerts");
        Map<String, String> byKind = new TreeMap<>();
        alerts.forEach(
                a -> byKind.put(a.get("kind").textValue(), a.get("message").textValue()));

        assertEquals(Set.of("unknown-credential", "override"), byKind.keySet());
        assertTrue(byKind.get("override").endsWith("reason medical-emergency, by 王芳"), byKind.get("override"));
    }

    @Test
    void anEntryWithAnInvalidRuleFieldIsADeadLetterNamingTheFieldWithThePhoneMasked() throws Exception {
        String gateId = "dead-letter-gate";
        try (TestGateClient client = TestGateClient.connect(hub.brokerUrl(), gateId)) {
            ObjectNode bad = new DutyEntries(client, gateId)
                    .entry(1, "2026-11-28T09:05:00Z", "visitor", "320102198001011234", "visitor");
            ObjectNode v = Contract.json("entry-visitor.json").get("visitor").deepCopy();
            v.put("of", 0);
            bad.set("visitor", v);
            new DutyEntries(client, gateId).publish(bad);

            Await.until(
                    "the dead letter",
                    () -> admin.getJson("/api/dead-letters").get("dead_letters").findValues("topic").stream()
                            .anyMatch(t -> t.textValue().contains(gateId)));
        }
        JsonNode letter = null;
        for (JsonNode d : admin.getJson("/api/dead-letters").get("dead_letters")) {
            if (d.get("topic").textValue().contains(gateId)) {
                letter = d;
            }
        }
        assertEquals(
                "visitor.of: must be an integer in 1..9007199254740991",
                letter.get("reason").textValue());
        String preview = letter.get("payload_preview").textValue();
        assertTrue(preview.contains("138****5678") && !preview.contains("13812345678"), preview);
        assertEquals(0, hub.store().recentEntries(Optional.of(gateId), 10).size());
    }

    @Test
    void searchRefusesADecisionTheContractDoesNotHave() {
        assertEquals(400, admin.get("/api/entries?decision=deny-pets").statusCode());
        assertEquals(
                1,
                admin.getJson("/api/entries?decision=override").get("entries").size());
    }

    @Test
    void noResponseCarriesABadgeOrCredentialHash() {
        String all = admin.get("/api/entries?gate=" + GATE).body()
                + admin.get("/api/entries/" + VISITOR_ID).body()
                + new String(admin.getBytes("/api/export/entries.csv").body(), StandardCharsets.UTF_8)
                + admin.get("/api/alerts").body();

        assertFalse(all.matches("(?s).*[0-9a-f]{64}.*"));
    }
}
