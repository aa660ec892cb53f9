package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.pass.PassTokens;
import org.gatepost.hub.store.PassUse;
import org.gatepost.hub.store.StoredList;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Visitor passes through the API ({@code docs/api.md}, Visitor passes) on both stores: issue, list, the QR image
 * (decoded back with ZXing to the signed token), revoke, the passes list for the gates, roles, CSRF and audit.
 */
class PassApiTest extends OnEachBackend {
    private WebFixture web;
    private ApiSession admin;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(databases.settings(backend), Duration.ZERO);
        admin = web.admin();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    /** A valid request for a pass to visit 3-2-501 on 28 November, changed by {@code changes}. */
    private static Map<String, String> passRequest(Map<String, String> changes) {
        Map<String, String> body = new HashMap<>(Map.of(
                "name",
                "赵",
                "phone",
                "13812345678",
                "household",
                "3-2-501",
                "valid_from",
                "2026-11-28T08:00:00Z",
                "valid_to",
                "2026-11-28T20:00:00Z"));
        body.putAll(changes);
        return body;
    }

    /** Issues a pass for {@code uses} ("one" or "many") ending at a local time (the hub's zone). */
    private JsonNode issue(String uses) {
        HttpResponse<String> r =
                admin.post("/api/passes", passRequest(Map.of("valid_to", "2026-11-28T20:00", "uses", uses)));
        assertEquals(201, r.statusCode(), r.body());
        return ApiSession.parse(r.body());
    }

    /** Records at ingest the use of pass {@code passId} by entry {@code entryId} at {@code gate}. */
    private PassUse use(String passId, String entryId, String gate, Instant at, Instant receivedAt) throws Exception {
        return web.store.transaction(tx -> tx.passUse(passId, entryId, gate, at, receivedAt));
    }

    private List<String> passItems() throws Exception {
        StoredList l = web.storage.lists().current(ListKind.PASSES.wire()).orElseThrow();
        return l.items();
    }

    @Test
    void anIssuedPassKeepsOnlyTheMaskedPhoneAndIsListedAndAudited() throws Exception {
        JsonNode p = issue("one");

        assertTrue(p.get("id").asText().matches("[0-9a-f]{16}"), p.toString());
        assertEquals("赵", p.get("name").asText());
        assertEquals("138****5678", p.get("phone").asText());
        assertEquals("3-2-501", p.get("household").asText());
        assertEquals("2026-11-28T08:00:00.000Z", p.get("valid_from").asText());
        assertEquals(
                "2026-11-28T20:00:00.000Z", p.get("valid_to").asText(), "a local time is in the hub's zone (UTC here)");
        assertEquals("one", p.get("uses").asText());
        assertEquals("valid", p.get("state").asText());
        assertEquals(0, p.get("used").asInt());
        JsonNode list = admin.getJson("/api/passes");
        assertEquals(p.get("id"), list.get("passes").get(0).get("id"));
        String audit = admin.get("/api/audit").body();
        assertTrue(audit.contains("pass-issue"), audit);
        assertFalse(audit.contains("13812345678"), "the full phone is kept nowhere: " + audit);
        assertFalse(admin.get("/api/passes").body().contains("13812345678"));
    }

    @Test
    void theQrImageCarriesTheSignedTokenThatTheListsKeyVerifies() throws Exception {
        JsonNode p = issue("many");

        HttpResponse<byte[]> png = admin.getBytes("/api/passes/" + p.get("id").asText() + "/qr.png");
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.body()));
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        String text = new QRCodeReader()
                .decode(new BinaryBitmap(
                        new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels))))
                .getText();

        assertTrue(text.startsWith("GPV1."), text);
        String[] parts = text.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"id\":\"" + p.get("id").asText() + "\""), payload);
        assertTrue(payload.contains("\"phone\":\"138****5678\""), payload);
        assertTrue(payload.contains("\"uses\":\"many\""), payload);
        JsonNode key = ApiSession.parse(passItems().getFirst());
        var sig = Signature.getInstance("Ed25519");
        sig.initVerify(PassTokens.publicKey(key.get("ed25519").asText()));
        sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(sig.verify(Base64.getUrlDecoder().decode(parts[2])), "signed by the key the gates get");
        assertEquals(p.get("key").asText(), key.get("key").asText());

        HttpResponse<String> svg = admin.get("/api/passes/" + p.get("id").asText() + "/qr.svg");
        assertEquals(200, svg.statusCode());
        assertTrue(svg.body().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg.body());
        assertTrue(svg.body().contains("h1v1h-1z"), "modules drawn");
    }

    @Test
    void revokingPutsThePassOnTheListForTheGatesOnceAndIsAudited() throws Exception {
        JsonNode p = issue("one");
        String id = p.get("id").asText();
        assertEquals(1, passItems().size(), "the key only: " + passItems());

        HttpResponse<String> r = admin.post("/api/passes/" + id + "/revoke", Map.of());
        HttpResponse<String> again = admin.post("/api/passes/" + id + "/revoke", Map.of());

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("revoked", ApiSession.parse(r.body()).get("state").asText());
        assertEquals("admin", ApiSession.parse(r.body()).get("revoked_by").asText());
        assertEquals(409, again.statusCode());
        assertEquals(
                List.of("{\"pass\":\"" + id + "\",\"state\":\"revoked\"}"),
                passItems().subList(1, 2));
        assertTrue(admin.get("/api/audit").body().contains("pass-revoke"));
    }

    @Test
    void aUseRecordedAtIngestMakesAOneUsePassUsedAndAListItemAfterTheRewrite() throws Exception {
        String one = issue("one").get("id").asText();
        String many = issue("many").get("id").asText();

        var first = use(one, "north-gate-e-1", "north-gate", WebFixture.START, WebFixture.START);
        Instant minuteOn = WebFixture.START.plusSeconds(60);
        var second = use(one, "south-gate-e-1", "south-gate", minuteOn, minuteOn.plusSeconds(1));
        var resent = use(one, "south-gate-e-1", "south-gate", minuteOn, minuteOn.plusSeconds(2));
        var manyUse = use(many, "north-gate-e-2", "north-gate", WebFixture.START, WebFixture.START);
        web.passes.usedSoon(one);

        assertFalse(first.doubleUse());
        assertTrue(second.doubleUse());
        assertEquals(1, resent.earlier(), "the same entry again counts once");
        assertFalse(manyUse.doubleUse());
        JsonNode p = admin.getJson("/api/passes/" + one);
        assertEquals(2, p.get("used").asInt());
        assertEquals("used", p.get("state").asText());
        String usedItem = "{\"pass\":\"" + one + "\",\"state\":\"used\"}";
        Await.until(
                "the passes list for the gates to carry " + usedItem,
                () -> passItems().contains(usedItem));
        assertFalse(passItems().toString().contains(many), "a many-use pass is never used up");
    }

    @Test
    void theEndOfEmergencyPurgeDeletesThePassesTheirUsesAndTheIssueDetails() throws Exception {
        String id = issue("one").get("id").asText();
        use(id, "north-gate-e-1", "north-gate", WebFixture.START, WebFixture.START);

        var purge = web.storage.purges().purge("p-1", WebFixture.START.plusSeconds(60), "admin", "127.0.0.1");

        assertEquals(1L, purge.deleted().get("passes"));
        assertEquals(1L, purge.deleted().get("pass_uses"));
        assertEquals(0, admin.getJson("/api/passes").get("passes").size());
        assertEquals(404, admin.get("/api/passes/" + id).statusCode());
        String audit = admin.get("/api/audit?action=pass-issue").body();
        assertFalse(audit.contains("3-2-501"), "the host household is gone from the audit log: " + audit);
    }

    @Test
    void anObserverSeesPassesButCannotIssueRevokeOrFetchTheCode() {
        String id = issue("one").get("id").asText();
        ApiSession observer = web.account("street-office", "observer");

        assertEquals(200, observer.get("/api/passes").statusCode());
        assertEquals(403, observer.post("/api/passes", Map.of("name", "x")).statusCode());
        assertEquals(
                403, observer.post("/api/passes/" + id + "/revoke", Map.of()).statusCode());
        assertEquals(403, observer.getBytes("/api/passes/" + id + "/qr.png").statusCode());
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        var http = HttpClient.newHttpClient();
        var r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/passes"))
                        .header("Cookie", admin.cookie())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
    }

    @Test
    void badRequestsNameTheField() {
        for (var c : List.of(
                Map.entry(Map.of("phone", "call me"), "phone"),
                Map.entry(Map.of("valid_to", "2026-11-28T07:00:00Z"), "valid_to"),
                Map.entry(Map.of("valid_to", "2027-01-28T07:00:00Z"), "valid_to"),
                Map.entry(Map.of("valid_from", "tomorrow"), "valid_from"),
                Map.entry(Map.of("uses", "twice"), "uses"),
                Map.entry(Map.of("name", " "), "name"))) {
            HttpResponse<String> r = admin.post("/api/passes", passRequest(c.getKey()));
            assertEquals(400, r.statusCode(), r.body());
            assertEquals(c.getValue(), ApiSession.parse(r.body()).get("field").asText(), r.body());
        }
        assertEquals(404, admin.get("/api/passes/0000000000000000").statusCode());
        assertEquals(404, admin.get("/api/passes/nope").statusCode());
    }
}
