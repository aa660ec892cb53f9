package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What operators do through the API: acknowledge and resolve alerts with notes, search entries, read reports
 * and export CSV. Against the web server alone; the data is stored straight into the store.
 */
class OperatorApiTest extends OnEachBackend {
    /** 2026-11-28 09:00 UTC is 17:00 in Shanghai: the hub's day there ends at 16:00 UTC. */
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private WebFixture web;
    private ApiSession admin;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(
                databases.settings(backend),
                Optional.of(TestHubs.ADMIN_PASSWORD),
                Clock.fixed(WebFixture.START, SHANGHAI));
        Instant t = WebFixture.START;
        SampleEntries.store(
                web.store,
                SampleEntries.entry("north-gate", 1, "admit", "110105********002X", 36.5),
                t.minusSeconds(86_400)); // 2026-11-27 17:00 Shanghai
        SampleEntries.store(
                web.store,
                SampleEntries.entry("north-gate", 2, "deny-fever", "440524********0014", 38.1),
                t.minusSeconds(3_600 * 9)); // 2026-11-28 00:00 Shanghai
        SampleEntries.store(
                web.store,
                SampleEntries.entry("south-gate", 1, "no-reading", "440524********0099", 36.0),
                t.minusSeconds(60));
        SampleEntries.store(
                web.store,
                SampleEntries.entry("south-gate", 2, "deny-fever", "320102********1234", 38.4),
                t.minusSeconds(30));
        admin = web.admin();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private JsonNode alerts(String query) {
        return admin.getJson("/api/alerts" + query).get("alerts");
    }

    private long alertIdOf(String gate) {
        for (JsonNode a : alerts("?gate=" + gate)) {
            return a.get("id").longValue();
        }
        throw new AssertionError("no alert at " + gate);
    }

    @Test
    void acknowledgesAnAlertWithANoteAndRecordsWhoAndWhen() {
        long id = alertIdOf("north-gate");

        HttpResponse<String> r = admin.post("/api/alerts/" + id + "/acknowledge", Map.of("note", "sent to clinic"));

        assertEquals(200, r.statusCode(), r.body());
        JsonNode a = ApiSession.parse(r.body());
        assertEquals("admin", a.get("acknowledged_by").textValue());
        assertEquals("2026-11-28T09:00:00.000Z", a.get("acknowledged_at").textValue());
        assertTrue(a.get("resolved_at").isNull());
        assertEquals("acknowledge", a.get("actions").get(0).get("action").textValue());
        assertEquals("sent to clinic", a.get("actions").get(0).get("note").textValue());
        assertEquals("admin", a.get("actions").get(0).get("by").textValue());
        assertEquals(a, alerts("?state=acknowledged").get(0), "the list shows the same");
        assertEquals(1, alerts("?state=open").size());
        JsonNode audit = admin.getJson("/api/audit?action=alert-acknowledge").get("events");
        assertEquals("alert " + id, audit.get(0).get("target").textValue());
        assertEquals("with note", audit.get(0).get("detail").textValue());
    }

    @Test
    void refusesASecondAcknowledgementAndActionsOnUnknownAlerts() {
        long id = alertIdOf("north-gate");
        assertEquals(
                200, admin.post("/api/alerts/" + id + "/acknowledge", Map.of()).statusCode());

        HttpResponse<String> again = admin.post("/api/alerts/" + id + "/acknowledge", Map.of("note", "me too"));
        assertEquals(409, again.statusCode());
        assertEquals(
                "already acknowledged",
                ApiSession.parse(again.body()).get("error").textValue());
        assertEquals(404, admin.post("/api/alerts/999/acknowledge", Map.of()).statusCode());
        assertEquals(
                404, admin.post("/api/alerts/abc/resolve", Map.of("note", "x")).statusCode());
        assertEquals(1, alerts("?gate=north-gate").get(0).get("actions").size(), "the refusal wrote nothing");
    }

    @Test
    void resolvesWithARequiredNoteAndThenRefusesFurtherActions() {
        long id = alertIdOf("south-gate");

        HttpResponse<String> noNote = admin.post("/api/alerts/" + id + "/resolve", Map.of("note", "   "));
        assertEquals(400, noNote.statusCode());
        assertEquals("note", ApiSession.parse(noNote.body()).get("field").textValue());
        HttpResponse<String> r = admin.post("/api/alerts/" + id + "/resolve", Map.of("note", "false alarm: hot tea"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode a = ApiSession.parse(r.body());
        assertEquals("admin", a.get("resolved_by").textValue());
        assertEquals("2026-11-28T09:00:00.000Z", a.get("resolved_at").textValue());
        assertTrue(a.get("acknowledged_at").isNull(), "resolving does not pretend an acknowledgement");

        assertEquals(
                409, admin.post("/api/alerts/" + id + "/acknowledge", Map.of()).statusCode());
        assertEquals(
                409,
                admin.post("/api/alerts/" + id + "/resolve", Map.of("note", "again"))
                        .statusCode());
        assertEquals(1, alerts("?state=resolved").size());
        assertEquals(1, alerts("?state=active").size());
        assertEquals(
                1,
                admin.getJson("/api/audit?action=alert-resolve").get("events").size());
    }

    @Test
    void keepsANoteWithMarkupAsTheCharactersTyped() {
        long id = alertIdOf("north-gate");
        String note = "<script>alert(1)</script> & \"quotes\"";

        admin.post("/api/alerts/" + id + "/acknowledge", Map.of("note", note));

        assertEquals(
                note,
                alerts("?gate=north-gate")
                        .get(0)
                        .get("actions")
                        .get(0)
                        .get("note")
                        .textValue());
    }

    @Test
    void searchesEntriesByGateTimeDecisionAndPartOfTheMaskedId() {
        assertEquals(4, admin.getJson("/api/entries").get("entries").size());
        assertEquals(
                2, admin.getJson("/api/entries?gate=south-gate").get("entries").size());
        assertEquals(
                2,
                admin.getJson("/api/entries?decision=deny-fever").get("entries").size());
        assertEquals(
                List.of("south-gate-0123456789abcdef-1", "north-gate-0123456789abcdef-2"),
                ids(admin.getJson("/api/entries?masked=440524")));
        assertEquals(List.of("north-gate-0123456789abcdef-1"), ids(admin.getJson("/api/entries?masked=002x")));
        assertEquals(
                List.of("south-gate-0123456789abcdef-2", "south-gate-0123456789abcdef-1"),
                ids(admin.getJson("/api/entries?from=2026-11-28T08:55:00Z")));
        assertEquals(
                List.of("north-gate-0123456789abcdef-2"),
                ids(admin.getJson("/api/entries?from=2026-11-28T07:00:00%2B08:00&to=2026-11-28T16:59:00%2B08:00")));
        assertEquals(
                List.of("north-gate-0123456789abcdef-2"),
                ids(admin.getJson(
                        "/api/entries?gate=north-gate&decision=deny-fever&masked=****0014&from=2026-11-27T00:00:00Z")));
    }

    private static List<String> ids(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("entries").forEach(e -> out.add(e.get("id").textValue()));
        return out;
    }

    @Test
    void refusesSearchParametersThatAreNotWhatTheySeem() {
        for (String bad : new String[] {
            "masked=44%25",
            "masked=44_",
            "decision=DROP",
            "from=yesterday",
            "from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z",
            "state=closed"
        }) {
            String path = bad.startsWith("state") ? "/api/alerts?" + bad : "/api/entries?" + bad;
            assertEquals(400, admin.get(path).statusCode(), bad);
        }
    }

    @Test
    void reportsEntriesFeversAndNoReadingsPerDayAndGateInTheHubsTimeZone() {
        JsonNode r = admin.getJson("/api/reports?from=2026-11-27&to=2026-11-28");

        assertEquals("Asia/Shanghai", r.get("zone").textValue());
        assertEquals(2, r.get("days").size());
        JsonNode d27 = r.get("days").get(0);
        assertEquals("2026-11-27", d27.get("day").textValue());
        assertEquals(1, d27.get("entries").longValue());
        assertEquals(0, d27.get("fevers").longValue());
        JsonNode d28 = r.get("days").get(1);
        assertEquals(3, d28.get("entries").longValue());
        assertEquals(2, d28.get("fevers").longValue());
        assertEquals(1, d28.get("no_reading").longValue());
        assertEquals(0, d28.get("visitors").longValue());
        assertEquals(0, d28.get("overrides").longValue());
        assertEquals(2, d28.get("by_decision").get("deny-fever").longValue());
        JsonNode north = r.get("gates").get(0);
        assertEquals("north-gate", north.get("gate").textValue());
        assertEquals(2, north.get("entries").longValue());
        assertEquals(1, north.get("fevers").longValue());
        assertEquals(4, r.get("total").get("entries").longValue());
        assertEquals(3, r.get("cells").size(), "north on both days, south on the 28th");
        assertEquals(
                1,
                admin.getJson("/api/reports?from=2026-11-28&to=2026-11-28&gate=south-gate")
                        .get("gates")
                        .size());
        assertEquals(7, admin.getJson("/api/reports").get("days").size(), "default: the last 7 days");
        assertEquals(
                400, admin.get("/api/reports?from=2026-11-29&to=2026-11-28").statusCode());
        assertEquals(
                400, admin.get("/api/reports?from=2024-01-01&to=2026-11-28").statusCode());
    }

    @Test
    void exportsEntriesAsUtf8CsvWithAByteOrderMarkOldestFirst() {
        HttpResponse<byte[]> r = admin.getBytes("/api/export/entries.csv?gate=north-gate");

        assertEquals(200, r.statusCode());
        assertEquals(
                "text/csv; charset=utf-8",
                r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers()
                .firstValue("Content-Disposition")
                .orElse("")
                .matches("attachment; filename=\"gatepost-entries-\\d{8}-\\d{4}\\.csv\""));
        byte[] body = r.body();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3));
        String[] lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertEquals(3, lines.length);
        assertEquals(
                "id,gate,epoch,seq,received_at,at,clock_synced,credential_kind,credential_masked,body_c,"
                        + "object_c,ambient_c,offset_c,samples,decision,threshold_c,admitted,direction,reader,person_role,"
                        + "household,quarantined,mask,on_duty,visitor_name,visitor_phone,visitor_visiting,visitor_reason,"
                        + "override_of,override_reason,override_by",
                lines[0]);
        assertTrue(
                lines[1].startsWith(
                        "north-gate-0123456789abcdef-1,north-gate,0123456789abcdef,1," + "2026-11-27T09:00:00.000Z,"),
                lines[1]);
        assertTrue(lines[1].contains(",true,id-card,110105********002X,36.5,"), lines[1]);
        assertTrue(lines[2].contains(",deny-fever,37.3"), lines[2]);
    }

    @Test
    void exportsAlertsWithNotesQuotedAndChineseTextIntact() {
        long id = alertIdOf("north-gate");
        String note = "已通知社区医生, 体温复测 \"38.1\"\n=SUM(A1)";
        admin.post("/api/alerts/" + id + "/acknowledge", Map.of("note", note));

        HttpResponse<byte[]> r = admin.getBytes("/api/export/alerts.csv?state=acknowledged");

        String csv = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(
                csv.startsWith("\uFEFFid,raised_at,kind,severity,gate,entry_id,message,acknowledged_at,"
                        + "acknowledged_by,acknowledge_note,resolved_at,resolved_by,resolve_note\r\n"),
                csv);
        String row = csv.substring(csv.indexOf("\r\n") + 2);
        assertTrue(
                row.startsWith(id + ",2026-11-28T00:00:00.000Z,fever,high,north-gate,"
                        + "north-gate-0123456789abcdef-2,fever: 38.10 °C ≥ 37.30 °C at gate north-gate "
                        + "(credential 440524********0014),2026-11-28T09:00:00.000Z,admin,"
                        + "\"已通知社区医生, 体温复测 \"\"38.1\"\"\n=SUM(A1)\",,,\r\n"),
                row);
        assertEquals(2, csv.split("\r\n", -1).length - 1, "header and one row");
    }

    @Test
    void guardsTextThatASpreadsheetWouldRunAsAFormula() {
        assertEquals("'=SUM(A1)", Csv.text("=SUM(A1)"));
        assertEquals("'+1", Csv.text("+1"));
        assertEquals("'@cmd", Csv.text("@cmd"));
        assertEquals("\"'-1,2\"", Csv.text("-1,2"));
        assertEquals("plain text", Csv.text("plain text"));
    }
}
