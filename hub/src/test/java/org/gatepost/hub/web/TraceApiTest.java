package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.lists.CredentialHasher;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracing ({@code docs/api.md}, Tracing) against the web server with its lists: who passed a gate, where a person
 * passed by masked number or by name, the reason, the role, the retention window, the audit records and the CSV.
 */
class TraceApiTest extends OnEachBackend {
    private static final Instant T = WebFixture.START;
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final String ZHANG_ID = "11010519491231002X";
    private static final String LI_ID = "440524188001010014";
    /** Every full ID number here; none may appear in a response, the audit log or the log. */
    private static final List<String> FULL_IDS = List.of(ZHANG_ID, LI_ID);

    private static final String RESIDENTS = """
            姓名,身份证号,楼栋,单元,户,网格
            张伟,11010519491231002X,3,2,3-2-501,第一网格
            李秀英,440524188001010014,3,2,3-2-502,第一网格
            """;
    private static final String REASON = "Health commission request 2026-117: close contact of a confirmed case";

    private WebFixture web;
    private ApiSession admin;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(databases.settings(backend), RETENTION);
        web.lists.importCsv(
                ListKind.RESIDENTS,
                RESIDENTS.getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                false,
                "admin",
                "127.0.0.1");
        CredentialHasher hasher = new CredentialHasher(WebFixture.COMMUNITY_SECRET);
        String zhang = hasher.hashV2(ZHANG_ID);
        String li = hasher.hashV2(LI_ID);
        store("north-gate", 1, zhang, "110105************", T.minus(Duration.ofHours(2)));
        store("north-gate", 2, null, "440524********0014", T.minus(Duration.ofMinutes(90))); // v1, not a resident
        store("north-gate", 3, li, "440524************", T.minus(Duration.ofHours(1)));
        store("south-gate", 1, zhang, "110105************", T.minus(Duration.ofMinutes(30)));
        store("north-gate", 4, zhang, "110105************", T.minus(Duration.ofDays(10))); // before the windows asked
        admin = web.admin();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    /** An entry as {@code entry-admit.json}, with this credential hash (null: the example's) and masked number. */
    private void store(String gate, long seq, String hash, String masked, Instant receivedAt) throws Exception {
        SampleEntries.store(web.store, SampleEntries.admit(gate, seq, hash, masked), receivedAt);
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> window(Object... kv) {
        Map<String, Object> m = body(kv);
        m.putIfAbsent("from", T.minus(Duration.ofHours(3)).toString());
        m.putIfAbsent("to", T.toString());
        m.putIfAbsent("reason", REASON);
        return m;
    }

    /** The north gate's usual window with one end ({@code from} or {@code to}) moved to {@code at}. */
    private static Map<String, Object> northGateWith(String end, Instant at) {
        return window("gate", "north-gate", end, at.toString());
    }

    private HttpResponse<String> post(ApiSession s, String path, Map<String, Object> body) {
        HttpResponse<String> r = s.post(path, body);
        seen.add(r.body());
        return r;
    }

    private JsonNode ok(String path, Map<String, Object> body) {
        HttpResponse<String> r = post(admin, path, body);
        assertEquals(200, r.statusCode(), r.body());
        return ApiSession.parse(r.body());
    }

    private static List<String> ids(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.get("entries").forEach(e -> out.add(e.get("id").textValue()));
        return out;
    }

    private JsonNode audit(String action) {
        JsonNode events = admin.getJson("/api/audit?action=" + action).get("events");
        seen.add(events.toString());
        return events;
    }

    private void assertError(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(field, ApiSession.parse(r.body()).get("field").textValue(), r.body());
    }

    @Test
    void listsWhoPassedAGateInTheWindowOldestFirstAndSaysWhenTheLimitCutsItShort() {
        JsonNode all = ok("/api/trace/gate", window("gate", "north-gate"));

        assertEquals(
                List.of(
                        "north-gate-" + SampleEntries.EPOCH + "-1",
                        "north-gate-" + SampleEntries.EPOCH + "-2",
                        "north-gate-" + SampleEntries.EPOCH + "-3"),
                ids(all),
                "not south-gate, not ten days ago");
        assertEquals(3, all.get("total").intValue());
        assertFalse(all.get("truncated").booleanValue());
        assertEquals(
                "110105************",
                all.get("entries").get(0).get("credential").get("masked").textValue());

        JsonNode cut = ok("/api/trace/gate", window("gate", "north-gate", "limit", 2));
        assertEquals(2, cut.get("count").intValue());
        assertEquals(3, cut.get("total").intValue());
        assertTrue(cut.get("truncated").booleanValue());

        JsonNode empty = ok("/api/trace/gate", window("gate", "east-gate"));
        assertEquals(0, empty.get("total").intValue());
        assertEquals(0, empty.get("entries").size());
    }

    @Test
    void findsAPersonByPartOfTheMaskedNumber() {
        assertEquals(
                List.of("north-gate-" + SampleEntries.EPOCH + "-2"),
                ids(ok("/api/trace/person", window("masked", "0014"))));
        assertEquals(
                List.of("north-gate-" + SampleEntries.EPOCH + "-1", "south-gate-" + SampleEntries.EPOCH + "-1"),
                ids(ok("/api/trace/person", window("masked", "110105"))));
    }

    @Test
    void findsAPersonByNameThroughTheResidentsKeyedHash() {
        JsonNode r = ok("/api/trace/person", window("name", " 张伟 "));

        assertEquals(
                List.of("north-gate-" + SampleEntries.EPOCH + "-1", "south-gate-" + SampleEntries.EPOCH + "-1"),
                ids(r));
        assertEquals(1, r.get("residents").size());
        JsonNode who = r.get("residents").get(0);
        assertEquals("张伟", who.get("name").textValue());
        assertEquals("110105************", who.get("masked").textValue());
        assertEquals("3-2-501", who.get("household").textValue());
        assertFalse(who.has("hash"), "the hash is never shown");

        assertEquals(
                List.of("north-gate-" + SampleEntries.EPOCH + "-3"),
                ids(ok("/api/trace/person", window("name", "李秀英", "household", "3-2-502"))));
        assertEquals(
                0,
                ok("/api/trace/person", window("name", "李秀英", "household", "3-2-501"))
                        .get("total")
                        .intValue());
        JsonNode nobody = ok("/api/trace/person", window("name", "张"));
        assertEquals(0, nobody.get("residents").size(), "a name matches whole, not in part");
        assertEquals(0, nobody.get("total").intValue());
    }

    @Test
    void refusesATraceWithoutAWrittenReason() {
        Map<String, Object> none = window("gate", "north-gate");
        none.remove("reason");
        assertError(post(admin, "/api/trace/gate", none), 400, "reason");
        assertError(
                post(admin, "/api/trace/gate", window("gate", "north-gate", "reason", "   check   ")), 400, "reason");
        assertError(post(admin, "/api/trace/person.csv", window("masked", "0014", "reason", "")), 400, "reason");
        assertEquals(0, audit("trace-gate").size(), "a refused request finds nothing and is not a query");
    }

    @Test
    void isForOperatorsOnly() {
        ApiSession observer = web.account("street-office", "observer");
        for (String path : List.of("/api/trace/gate", "/api/trace/gate.csv")) {
            assertEquals(403, post(observer, path, window("gate", "north-gate")).statusCode(), path);
        }
        for (String path : List.of("/api/trace/person", "/api/trace/person.csv")) {
            assertEquals(403, post(observer, path, window("name", "张伟")).statusCode(), path);
        }
        assertEquals(0, audit("trace-gate").size());
        assertEquals(0, audit("trace-person").size());
    }

    @Test
    void refusesATimeRangeOutsideTheRetentionWindowOrMissing() {
        assertError(post(admin, "/api/trace/gate", northGateWith("from", T.minus(Duration.ofDays(31)))), 400, "from");
        Map<String, Object> noTo = window("gate", "north-gate");
        noTo.remove("to");
        assertError(post(admin, "/api/trace/gate", noTo), 400, "to");
        assertError(post(admin, "/api/trace/gate", northGateWith("to", T.minus(Duration.ofHours(4)))), 400, "to");
        assertError(post(admin, "/api/trace/person", window("masked", "0014", "name", "张伟")), 400, "masked");
        assertError(post(admin, "/api/trace/person", window("masked", "1")), 400, "masked");
        assertError(post(admin, "/api/trace/person", window("masked", LI_ID)), 400, "masked");
        assertError(post(admin, "/api/trace/person", window("masked", "4405241880")), 400, "masked");

        JsonNode inside = ok("/api/trace/gate", northGateWith("from", T.minus(Duration.ofDays(29))));
        assertEquals(4, inside.get("total").intValue(), "ten days ago is inside 30 days");
    }

    @Test
    void auditsEveryQueryWithItsParametersReasonAndResultCount() {
        ok("/api/trace/gate", window("gate", "north-gate"));
        ok("/api/trace/person", window("masked", "0014"));
        ok("/api/trace/person", window("name", "张伟"));

        JsonNode gate = audit("trace-gate");
        assertEquals(1, gate.size());
        assertEquals("admin", gate.get(0).get("actor").textValue());
        assertEquals("gate north-gate", gate.get(0).get("target").textValue());
        assertEquals(
                "from=2026-11-28T06:00:00.000Z to=2026-11-28T09:00:00.000Z results=3 reason=" + REASON,
                gate.get(0).get("detail").textValue());
        JsonNode person = audit("trace-person");
        assertEquals(2, person.size());
        assertEquals("name 张伟", person.get(0).get("target").textValue());
        assertTrue(
                person.get(0).get("detail").textValue().contains(" results=2 residents=1 reason=" + REASON),
                person.get(0).toString());
        assertEquals("masked 0014", person.get(1).get("target").textValue());
        assertTrue(
                person.get(1).get("detail").textValue().contains(" results=1 reason="),
                person.get(1).toString());
    }

    @Test
    void exportsATraceAsCsvWithAByteOrderMarkAndAuditsTheExport() {
        HttpResponse<String> r = post(admin, "/api/trace/person.csv", window("name", "张伟"));

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Content-Disposition").orElse("").contains("gatepost-trace-"),
                r.headers().toString());
        assertTrue(r.body().startsWith("\uFEFFid,gate,"), r.body());
        String[] lines = r.body().split("\r\n");
        assertEquals(3, lines.length, r.body());
        assertTrue(lines[1].startsWith("north-gate-" + SampleEntries.EPOCH + "-1,north-gate,"), lines[1]);
        assertTrue(lines[2].startsWith("south-gate-" + SampleEntries.EPOCH + "-1,south-gate,"), lines[2]);
        assertTrue(lines[2].contains(",110105************,"), lines[2]);

        JsonNode export = audit("trace-export");
        assertEquals(1, export.size());
        assertEquals("person-trace name 张伟", export.get(0).get("target").textValue());
        assertTrue(export.get(0).get("detail").textValue().contains(" results=2 "), export.toString());
    }

    @Test
    void answersNothingWhenTheAuditRecordCannotBeWritten() throws Exception {
        if (backend == Backend.SQLITE) {
            databases.execute(
                    backend,
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                            + "BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
        } else {
            databases.execute(
                    backend,
                    "CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN "
                            + "RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql");
            databases.execute(
                    backend,
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                            + "FOR EACH ROW EXECUTE FUNCTION refuse_audit()");
        }

        HttpResponse<String> query = post(admin, "/api/trace/gate", window("gate", "north-gate"));
        assertEquals(503, query.statusCode(), query.body());
        assertFalse(query.body().contains("north-gate-"), query.body());
        HttpResponse<String> export = post(admin, "/api/trace/person.csv", window("name", "张伟"));
        assertEquals(503, export.statusCode(), export.body());
        assertFalse(export.body().contains("north-gate"), export.body());
    }

    @Test
    void neverShowsNorLogsAFullIdNumberOrAHash() {
        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            ok("/api/trace/gate", window("gate", "north-gate"));
            ok("/api/trace/person", window("name", "张伟"));
            ok("/api/trace/person", window("name", "李秀英"));
            ok("/api/trace/person", window("masked", "440524"));
            post(admin, "/api/trace/gate.csv", window("gate", "north-gate"));
            post(admin, "/api/trace/person", window("masked", LI_ID));
        } finally {
            System.setErr(err);
        }
        audit("trace-gate");
        audit("trace-person");
        audit("trace-export");
        String log = logged.toString(StandardCharsets.UTF_8);
        err.print(log);
        assertTrue(log.contains("event=trace action=trace-gate user=admin results=3"), log);
        String all = String.join("\n", seen) + "\n" + log;
        for (String id : FULL_IDS) {
            assertFalse(all.contains(id), "full ID number " + id + " shown or logged");
        }
        assertFalse(all.contains("v2:"), "a credential hash shown or logged");
        assertFalse(all.contains("d4f6ffbecf879b00"), "a credential hash shown or logged");
    }
}
