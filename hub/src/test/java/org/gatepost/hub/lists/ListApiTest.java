package org.gatepost.hub.lists;

import static org.gatepost.hub.testing.ApiSession.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OneHubOnEachBackend;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The lists end to end on a running hub: CSV imports and the policy over the API (operators only, CSRF, audited),
 * what the API and the database hold afterwards, and what the embedded broker delivers to a gate. The tests share
 * one hub (starting one costs seconds) and assert version changes relative to what they find.
 */
class ListApiTest extends OneHubOnEachBackend {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RESIDENTS_GBK = """
            姓名,身份证号,楼栋,单元,户,网格
            张伟,11010519491231002X,3,2,3-2-501,第一网格
            李秀英,440524188001010015,3,2,3-2-502,第一网格
            王芳,440524188001010014,3,2,3-2-503,第二网格
            """;
    /** Every full ID number a test here sends; none may ever come back or reach the database file. */
    private static final List<String> SENT_IDS =
            List.of("11010519491231002X", "440524188001010015", "440524188001010014");

    private ApiSession admin;
    private ApiSession observer;
    private final List<String> responses = new ArrayList<>();

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        responses.clear();
        admin = ApiSession.admin(hub.httpPort());
        observer = admin.account("street-office", "observer");
    }

    @Test
    void importsAGbkResidentsFileAsTheNextVersionAndReportsEachBadRow() throws Exception {
        long before = version("residents");
        HttpResponse<String> r =
                upload(admin, "/api/lists/residents/import", RESIDENTS_GBK.getBytes(CsvText.GBK), "text/csv");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = MAPPER.readTree(r.body());
        assertTrue(body.get("applied").booleanValue());
        assertEquals(before + 1, body.get("version").longValue());
        assertEquals("GBK", body.get("encoding").textValue());
        assertEquals(3, body.get("rows").intValue());
        assertEquals(2, body.get("valid").intValue());
        JsonNode error = body.get("errors").get(0);
        assertEquals(3, error.get("row").intValue());
        assertEquals("id_number", error.get("column").textValue());
        assertEquals(before + 1, version("residents"));

        JsonNode found = json(admin.get("/api/lists/residents?q=" + "王芳")).get("residents");
        assertEquals(1, found.size());
        assertEquals("440524************", found.get(0).get("masked").textValue());
        assertEquals("3-2-503", found.get(0).get("household").textValue());
        assertFalse(found.get(0).has("hash"), "the API never shows the hash");
        assertEquals(
                1,
                json(admin.get("/api/lists/residents?q=440524"))
                        .get("residents")
                        .size());
        assertEquals(
                0,
                json(admin.get("/api/lists/residents?q=0014")).get("residents").size(),
                "hash scheme v2's masked form shows the region code only");

        JsonNode audit = json(admin.get("/api/audit?action=list-import&limit=1"))
                .get("events")
                .get(0);
        assertEquals("residents", audit.get("target").textValue());
        assertTrue(audit.get("detail").textValue().startsWith("replaced: 2 of 3 rows valid"), audit.toString());
    }

    @Test
    void aDryRunReportsButChangesNothing() throws Exception {
        long before = version("residents");
        HttpResponse<String> r = upload(
                admin,
                "/api/lists/residents/import?dry_run=true&encoding=gbk",
                RESIDENTS_GBK.getBytes(CsvText.GBK),
                "text/csv");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = MAPPER.readTree(r.body());
        assertFalse(body.get("applied").booleanValue());
        assertTrue(body.get("version").isNull());
        assertEquals(2, body.get("valid").intValue());
        assertEquals(before, version("residents"));
        assertTrue(json(admin.get("/api/audit?action=list-import&limit=1"))
                .get("events")
                .get(0)
                .get("detail")
                .textValue()
                .startsWith("dry run"));
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedWithTheHeaderErrors() throws Exception {
        long before = version("residents");
        HttpResponse<String> r = upload(
                admin, "/api/lists/residents/import", "姓名,电话\n张伟,1\n".getBytes(StandardCharsets.UTF_8), "text/csv");

        assertEquals(422, r.statusCode(), r.body());
        JsonNode errors = MAPPER.readTree(r.body()).get("errors");
        assertEquals(2, errors.size());
        assertEquals("id_number", errors.get(0).get("column").textValue());
        assertEquals(1, errors.get(0).get("row").intValue());
        assertEquals(before, version("residents"));
    }

    @Test
    void importsQuarantineAsAMultipartUpload() throws Exception {
        long before = version("quarantine");
        String csv = "户,身份证号,隔离截止\n5-1-302,,2099-12-05\n,440524188001010014,2099-12-02 18:00\n";
        HttpResponse<String> r = multipart(admin, "/api/lists/quarantine/import", csv.getBytes(CsvText.GBK));

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(before + 1, MAPPER.readTree(r.body()).get("version").longValue());
        JsonNode items = json(admin.get("/api/lists/quarantine")).get("quarantine");
        assertEquals(2, items.size());
        assertEquals("5-1-302", items.get(0).get("household").textValue());
        assertEquals("440524************", items.get(1).get("masked").textValue());
    }

    @Test
    void observersMayReadTheListsButNotImportOrChangeThePolicy() {
        assertEquals(200, observer.get("/api/lists").statusCode());
        assertEquals(200, observer.get("/api/lists/residents").statusCode());
        assertEquals(200, observer.get("/api/lists/policy").statusCode());
        assertEquals(
                403,
                upload(observer, "/api/lists/residents/import", RESIDENTS_GBK.getBytes(CsvText.GBK), "text/csv")
                        .statusCode());
        assertEquals(
                403,
                upload(observer, "/api/lists/quarantine/import", new byte[0], "text/csv")
                        .statusCode());
        assertEquals(
                403,
                put(
                                observer,
                                "/api/lists/policy",
                                Contract.json("lists-policy.json")
                                        .get("items")
                                        .get(0)
                                        .toString(),
                                observer.csrfToken())
                        .statusCode());
    }

    @Test
    void anImportWithoutTheCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/lists/residents/import"))
                .header("Cookie", admin.cookie())
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(RESIDENTS_GBK.getBytes(CsvText.GBK)))
                .build());
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("CSRF"));
    }

    @Test
    void operatorsChangeThePolicyAsTheNextVersionAndBadPoliciesNameTheField() throws Exception {
        JsonNode current = json(admin.get("/api/lists/policy"));
        String example = Contract.json("lists-policy.json").get("items").get(0).toString();

        HttpResponse<String> ok = put(admin, "/api/lists/policy", example, admin.csrfToken());
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode after = MAPPER.readTree(ok.body());
        assertEquals(
                current.get("version").longValue() + 1, after.get("version").longValue());
        assertEquals(MAPPER.readTree(example), after.get("policy"));
        assertEquals(after, json(admin.get("/api/lists/policy")));
        assertEquals(
                "policy-change",
                json(admin.get("/api/audit?action=policy-change&limit=1"))
                        .get("events")
                        .get(0)
                        .get("action")
                        .textValue());

        HttpResponse<String> bad =
                put(admin, "/api/lists/policy", example.replace("\"hard\"", "\"strict\""), admin.csrfToken());
        assertEquals(400, bad.statusCode());
        assertEquals("enforcement", MAPPER.readTree(bad.body()).get("field").textValue());
        assertEquals(after.get("version"), json(admin.get("/api/lists/policy")).get("version"));

        HttpResponse<String> contradicts = put(
                admin,
                "/api/lists/policy",
                example.replace("\"duplicate_window_s\":10", "\"duplicate_window_s\":600"),
                admin.csrfToken());
        assertEquals(400, contradicts.statusCode(), contradicts.body());
        assertEquals(
                "duplicate_window_s",
                MAPPER.readTree(contradicts.body()).get("field").textValue());
        assertTrue(contradicts.body().contains("retest_rest_s (300)"), contradicts.body());
        assertEquals(after.get("version"), json(admin.get("/api/lists/policy")).get("version"));
    }

    @Test
    void publishesEveryPartAndAManifestWhoseChecksumMatchesToAGate() throws Exception {
        StringBuilder csv = new StringBuilder("name,id_number,household\n");
        for (int i = 0; i < 3000; i++) {
            csv.append("居民")
                    .append(i)
                    .append(',')
                    .append(ImportFiles.id("1101051990" + String.format("%07d", i)))
                    .append(",H-")
                    .append(i)
                    .append('\n');
        }
        try (TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), "north-gate")) {
            gate.subscribe(ListTopics.ROOT + "#");
            HttpResponse<String> r = upload(
                    admin, "/api/lists/residents/import", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
            assertEquals(200, r.statusCode(), r.body());
            long version = MAPPER.readTree(r.body()).get("version").longValue();

            Await.until("a manifest naming residents version " + version, () -> manifest(gate, version) != null);
            JsonNode listed = manifest(gate, version).get("lists").get("residents");
            int parts = listed.get("parts").intValue();
            assertTrue(parts >= 2, "3000 residents take more than one 256 KB part, got " + parts);
            assertEquals(3000, listed.get("items").intValue());
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int items = 0;
            for (int p = 1; p <= parts; p++) {
                byte[] part = lastOn(gate, ListTopics.ROOT + "residents/" + p);
                assertTrue(part.length <= ListDocuments.MAX_PART_BYTES, "part " + p + ": " + part.length + " bytes");
                JsonNode doc = MAPPER.readTree(part);
                assertEquals(version, doc.get("version").longValue());
                assertEquals(p, doc.get("part").intValue());
                items += doc.get("items").size();
                all.write(part);
            }
            assertEquals(3000, items);
            assertEquals(
                    listed.get("sha256").textValue(),
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(all.toByteArray())));
            for (String kind : List.of("quarantine", "blocked", "badges", "policy")) {
                assertTrue(manifest(gate, version).get("lists").has(kind), kind);
            }
        }
    }

    @Test
    void importsBadgesAndBlockedHouseholdsAndPublishesThemToAGate() throws Exception {
        long badgesBefore = version("badges");
        long blockedBefore = version("blocked");
        String badges = "姓名,证件号,角色\n王芳,110105198001010016,志愿者\n赵强,A1B2C3D4,工作人员\n孙丽,12,志愿者\n";
        try (TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), "north-gate")) {
            gate.subscribe(ListTopics.ROOT + "#");
            HttpResponse<String> b =
                    upload(admin, "/api/lists/badges/import", badges.getBytes(CsvText.GBK), "text/csv");
            HttpResponse<String> h = multipart(
                    admin,
                    "/api/lists/blocked/import",
                    "household\n7-1-101\n7-1-101\n".getBytes(StandardCharsets.UTF_8));

            assertEquals(200, b.statusCode(), b.body());
            JsonNode badgeReport = MAPPER.readTree(b.body());
            assertEquals("GBK", badgeReport.get("encoding").textValue());
            assertEquals(2, badgeReport.get("valid").intValue());
            assertEquals(4, badgeReport.get("errors").get(0).get("row").intValue());
            assertEquals(200, h.statusCode(), h.body());
            assertEquals(1, MAPPER.readTree(h.body()).get("errors_total").intValue());
            assertEquals(badgesBefore + 1, version("badges"));
            assertEquals(blockedBefore + 1, version("blocked"));
            JsonNode listed = json(admin.get("/api/lists/badges")).get("badges");
            assertEquals("110105************", listed.get(0).get("masked").textValue());
            assertEquals("volunteer", listed.get(0).get("role").textValue());
            assertFalse(listed.get(0).has("hash"));
            assertEquals(
                    "7-1-101",
                    json(admin.get("/api/lists/blocked"))
                            .get("blocked")
                            .get(0)
                            .get("household")
                            .textValue());
            Await.until(
                    "badges and blocked parts of the new versions at the gate",
                    () -> partVersion(gate, "badges") == badgesBefore + 1
                            && partVersion(gate, "blocked") == blockedBefore + 1);
            JsonNode part = MAPPER.readTree(lastOn(gate, ListTopics.ROOT + "badges/1"));
            assertEquals(
                    new CredentialHasher(TestHubs.SECRET).hashV2("110105198001010016"),
                    part.get("items").get(0).get("hash").textValue());
        }
        assertEquals(
                403,
                upload(observer, "/api/lists/badges/import", badges.getBytes(CsvText.GBK), "text/csv")
                        .statusCode());
    }

    private static long partVersion(TestGateClient gate, String list) throws IOException {
        for (TestGateClient.Received r : gate.received().reversed()) {
            if (r.topic().equals(ListTopics.ROOT + list + "/1")) {
                return MAPPER.readTree(r.payload()).get("version").longValue();
            }
        }
        return -1;
    }

    @Test
    void neverStoresOrReturnsAFullIdNumber() throws Exception {
        upload(admin, "/api/lists/residents/import", RESIDENTS_GBK.getBytes(CsvText.GBK), "text/csv");
        for (String path : List.of(
                "/api/lists", "/api/lists/residents?limit=1000", "/api/lists/quarantine", "/api/audit?limit=1000")) {
            responses.add(admin.get(path).body());
        }
        for (String body : responses) {
            for (String id : SENT_IDS) {
                assertFalse(body.contains(id), "a response holds " + CredentialHasher.mask(id));
            }
        }
        try (Stream<Path> files = Files.list(hubDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String id : SENT_IDS) {
                    assertFalse(bytes.contains(id), f.getFileName() + " holds " + CredentialHasher.mask(id));
                }
            }
        }
    }

    private long version(String list) throws Exception {
        for (JsonNode l : json(admin.get("/api/lists")).get("lists")) {
            if (l.get("list").textValue().equals(list)) {
                return l.get("version").longValue();
            }
        }
        throw new AssertionError("no list " + list);
    }

    private static JsonNode manifest(TestGateClient gate, long residentsVersion) throws IOException {
        List<TestGateClient.Received> got = gate.received();
        for (int i = got.size() - 1; i >= 0; i--) {
            if (got.get(i).topic().equals(ListTopics.MANIFEST)) {
                JsonNode m = MAPPER.readTree(got.get(i).payload());
                return m.get("lists").get("residents").get("version").longValue() == residentsVersion ? m : null;
            }
        }
        return null;
    }

    private static byte[] lastOn(TestGateClient gate, String topic) {
        List<TestGateClient.Received> got = gate.received();
        for (int i = got.size() - 1; i >= 0; i--) {
            if (got.get(i).topic().equals(topic)) {
                return got.get(i).payload().getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("nothing on " + topic);
    }

    private JsonNode json(HttpResponse<String> r) throws IOException {
        assertEquals(200, r.statusCode(), r.body());
        responses.add(r.body());
        return MAPPER.readTree(r.body());
    }

    private HttpResponse<String> upload(ApiSession s, String path, byte[] body, String type) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path))
                .header("Cookie", s.cookie())
                .header("X-CSRF-Token", s.csrfToken())
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        responses.add(r.body());
        return r;
    }

    private HttpResponse<String> multipart(ApiSession s, String path, byte[] file) {
        String boundary = "gatepost-test-boundary";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        b.writeBytes(file);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return upload(s, path, b.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    private HttpResponse<String> put(ApiSession s, String path, String json, String csrf) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path))
                .header("Cookie", s.cookie())
                .header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
        responses.add(r.body());
        return r;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }
}
