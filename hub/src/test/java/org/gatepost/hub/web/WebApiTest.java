package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OneHubOnEachBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON API and the dashboard files, over HTTP against a hub on free ports. The tests only read, so they
 * share one hub and one data set (a hub start and stop costs seconds: Moquette's shutdown is slow).
 */
class WebApiTest extends OneHubOnEachBackend {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    private ApiSession api;

    @Override
    protected Clock hubClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        HubStore store = hub.store();
        AlertRules rules = new AlertRules();
        for (String file : new String[] {"entry-admit.json", "entry-deny-fever.json", "entry-no-reading.json"}) {
            EntryMessage e = Contract.entry(file);
            store.commitEntry(e, NOW.minusSeconds(60 - e.seq()), rules.forEntry(e));
        }
        store.commitStatus(Contract.status("status-offline-lost.json"), NOW.minusSeconds(5), rules);
        api = ApiSession.admin(hub.httpPort());
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return api.get(pathAndQuery);
    }

    private JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return MAPPER.readTree(r.body());
    }

    @Test
    void listsGatesWithStateCountsEpochAndAckedHighWaterMark() throws Exception {
        JsonNode gates = getJson("/api/gates").get("gates");

        assertEquals(1, gates.size());
        JsonNode g = gates.get(0);
        assertEquals("north-gate", g.get("id").textValue());
        assertEquals("offline", g.get("state").textValue());
        assertEquals("lost", g.get("reason").textValue());
        assertEquals("3f9a1c2e7b5d4e60", g.get("epoch").textValue());
        assertEquals("2026-11-28T08:59:43.000Z", g.get("last_entry_at").textValue());
        assertEquals(3, g.get("entry_count").longValue());
        assertEquals(3, g.get("entries_today").longValue());
        assertEquals(0, g.get("acked_up_to").longValue(), "seq 1..40 never arrived");
        assertEquals(2, g.get("open_alerts").longValue());
    }

    @Test
    void listsEntriesNewestFirstWithTheMaskedCredentialButNeverTheHash() throws Exception {
        HttpResponse<String> r = get("/api/entries?gate=north-gate&limit=2");
        JsonNode entries = MAPPER.readTree(r.body()).get("entries");

        assertEquals(2, entries.size());
        JsonNode newest = entries.get(0);
        assertEquals("north-gate-3f9a1c2e7b5d4e60-43", newest.get("id").textValue());
        assertTrue(newest.get("temperature").isNull());
        JsonNode fever = entries.get(1);
        assertEquals(42, fever.get("seq").longValue());
        assertEquals("north-gate", fever.get("gate").textValue());
        assertEquals("3f9a1c2e7b5d4e60", fever.get("epoch").textValue());
        assertEquals("2026-11-28T08:15:09.102Z", fever.get("at").textValue());
        assertEquals("2026-11-28T08:59:42.000Z", fever.get("received_at").textValue());
        assertEquals("id-card", fever.get("credential").get("kind").textValue());
        assertEquals("440524********0014", fever.get("credential").get("masked").textValue());
        assertEquals(38.05, fever.get("temperature").get("body_c").doubleValue());
        assertEquals("deny-fever", fever.get("decision").textValue());
        assertEquals(37.3, fever.get("threshold_c").doubleValue());
        assertFalse(r.body().contains("hash"), r.body());
        assertFalse(r.body().contains("f8ad575cd4e8c624"), r.body());
    }

    @Test
    void defaultsTheEntryLimitAndFiltersByGate() throws Exception {
        assertEquals(3, getJson("/api/entries").get("entries").size());
        assertEquals(0, getJson("/api/entries?gate=south-gate").get("entries").size());
    }

    @Test
    void listsAlertsNewestFirst() throws Exception {
        JsonNode alerts = getJson("/api/alerts").get("alerts");

        assertEquals(2, alerts.size());
        assertEquals("gate-offline", alerts.get(0).get("kind").textValue());
        JsonNode fever = alerts.get(1);
        assertEquals("fever", fever.get("kind").textValue());
        assertEquals("high", fever.get("severity").textValue());
        assertEquals("north-gate-3f9a1c2e7b5d4e60-42", fever.get("entry_id").textValue());
        assertTrue(fever.get("resolved_at").isNull());
        assertTrue(fever.get("id").isIntegralNumber());
    }

    @Test
    void reportsHealthWithCountsIncludingDeadLetters() throws Exception {
        JsonNode h = getJson("/api/health");

        assertTrue(h.get("ok").booleanValue());
        assertTrue(h.get("mqtt").get("connected").booleanValue());
        assertTrue(h.get("store").get("ok").booleanValue());
        assertTrue(h.get("store").get("writable").booleanValue());
        assertEquals(3, h.get("counts").get("entries").longValue());
        assertEquals(1, h.get("counts").get("gates").longValue());
        assertEquals(2, h.get("counts").get("alerts").longValue());
        assertEquals(0, h.get("counts").get("dead_letters").longValue());
        assertEquals(0, h.get("ingest").get("queued").longValue());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/entries?limit=abc       | limit | limit: must be an integer 1..1000, got 'abc'",
                "/api/entries?limit=0         | limit | limit: must be an integer 1..1000, got '0'",
                "/api/entries?limit=1001      | limit | limit: must be an integer 1..1000, got '1001'",
                "/api/entries?limit=1&limit=2 | limit | limit: given more than once",
                "/api/alerts?limit=-5         | limit | limit: must be an integer 1..1000, got '-5'",
                "/api/entries?gate=a%20b      | gate  | gate: must be a gate id",
                "/api/entries?limt=5          | limt  | limt: unknown parameter",
                "/api/gates?limit=5           | limit | limit: unknown parameter",
            })
    void rejectsABadQueryParameterNamingIt(String pathAndQuery, String parameter, String errorStart) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);

        assertEquals(400, r.statusCode());
        JsonNode body = MAPPER.readTree(r.body());
        assertEquals(parameter, body.get("parameter").textValue());
        assertTrue(body.get("error").textValue().startsWith(errorStart), body.toString());
    }

    @Test
    void answersAnUnknownApiPathWithJson404() throws Exception {
        HttpResponse<String> r = get("/api/nope");

        assertEquals(404, r.statusCode());
        assertEquals("no such endpoint", MAPPER.readTree(r.body()).get("error").textValue());
    }

    @Test
    void servesTheDashboardWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        HttpResponse<String> script = get("/app.js");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title data-i18n=\"app.title\">Gatepost hub</title>"), page.body());
        assertEquals(
                WebServer.CSP,
                page.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("textContent"));
        assertFalse(script.body().contains("innerHTML"), "data is never inserted as HTML");
        assertEquals(200, get("/style.css").statusCode());
    }
}
