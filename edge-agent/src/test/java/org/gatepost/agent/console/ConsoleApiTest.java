package org.gatepost.agent.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.agent.checkpoint.VolunteerDesk.ScanView;
import org.gatepost.agent.checkpoint.VolunteerDesk.VisitorForm;
import org.gatepost.agent.config.ConsoleConfig;
import org.gatepost.agent.testing.ForwardableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's JSON API over real HTTP (java.net.http) against a fake desk and a clock the test moves. */
class ConsoleApiTest {
    private static final String PIN = "2468";
    private static final Duration TIMEOUT = Duration.ofHours(12);

    private final ForwardableClock clock = new ForwardableClock(Scans.AT.plusSeconds(60));
    private final FakeDesk desk = new FakeDesk();
    private ConsoleServer server;
    private ConsoleClient client;

    @BeforeEach
    void start() throws Exception {
        server = ConsoleServer.start(
                new ConsoleConfig(true, "127.0.0.1", 0, Optional.of(PIN), TIMEOUT), desk, Scans.status(), clock);
        client = new ConsoleClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ConsoleClient signedIn() {
        assertEquals(200, client.login(PIN).statusCode());
        return client;
    }

    @Test
    void everyApiCallButSessionAndLoginNeedsTheSession() {
        assertEquals(401, client.get("/api/state").statusCode());
        assertEquals(401, client.post("/api/mask", Map.of()).statusCode());
        JsonNode s = ConsoleClient.json(client.get("/api/session"));
        assertTrue(s.get("pin_required").asBoolean());
        assertFalse(s.get("signed_in").asBoolean());
        assertTrue(desk.masks.isEmpty());
    }

    @Test
    void theRightPinGivesAnHttpOnlyStrictCookieThatLastsTheSessionTimeout() {
        HttpResponse<String> r = client.login(PIN);
        assertEquals(200, r.statusCode());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("gatepost_console="), cookie);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        assertTrue(cookie.contains("; Max-Age=43200"), cookie);
        assertEquals(64, client.csrf.length());
        assertEquals(200, client.get("/api/state").statusCode());
        JsonNode s = ConsoleClient.json(client.get("/api/session"));
        assertTrue(s.get("signed_in").asBoolean());
        assertEquals(client.csrf, s.get("csrf_token").asText());
    }

    @Test
    void aWrongPinIsRefusedWithoutACookie() {
        HttpResponse<String> r = client.login("1357");
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty());
        assertEquals(401, client.get("/api/state").statusCode());
    }

    @Test
    void afterFiveWrongPinsEvenTheRightOneWaitsUntilTheLockEnds() {
        for (int i = 0; i < PinThrottle.FREE_ATTEMPTS; i++) {
            assertEquals(401, client.login("0000").statusCode());
        }
        HttpResponse<String> locked = client.login(PIN);
        assertEquals(429, locked.statusCode());
        assertEquals("30", locked.headers().firstValue("Retry-After").orElseThrow());
        clock.forward(Duration.ofSeconds(29));
        assertEquals(429, client.login(PIN).statusCode());
        clock.forward(Duration.ofSeconds(1));
        assertEquals(200, client.login(PIN).statusCode());
    }

    @Test
    void eachWrongPinAfterTheFreeOnesDoublesTheLock() {
        for (int i = 0; i < PinThrottle.FREE_ATTEMPTS; i++) {
            client.login("0000");
        }
        clock.forward(Duration.ofSeconds(30));
        assertEquals(401, client.login("0000").statusCode());
        assertEquals("60", client.login(PIN).headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void theSessionEndsAfterTheTimeout() {
        signedIn();
        clock.forward(TIMEOUT.minusSeconds(1));
        assertEquals(200, client.get("/api/state").statusCode());
        clock.forward(Duration.ofSeconds(1));
        assertEquals(401, client.get("/api/state").statusCode());
    }

    @Test
    void aPostWithoutTheCsrfTokenOrFromAnotherOriginIsRefused() {
        signedIn();
        String csrf = client.csrf;
        client.csrf = null;
        assertEquals(403, client.post("/api/duty", Map.of("action", "in")).statusCode());
        client.csrf = "0".repeat(64);
        assertEquals(403, client.post("/api/duty", Map.of("action", "in")).statusCode());
        client.csrf = csrf;
        HttpResponse<String> foreign = client.send(client.request("/api/duty")
                .header("Cookie", client.cookie)
                .header("X-CSRF-Token", csrf)
                .header("Origin", "http://evil.example")
                .POST(ConsoleClient.body(Map.of("action", "in")))
                .build());
        assertEquals(403, foreign.statusCode());
        assertTrue(desk.dutyArms.isEmpty());
        assertEquals(200, client.post("/api/duty", Map.of("action", "in")).statusCode());
        assertEquals(List.of(true), desk.dutyArms);
    }

    @Test
    void logoutEndsTheSession() {
        signedIn();
        assertEquals(200, client.post("/api/logout", Map.of()).statusCode());
        assertEquals(401, client.get("/api/state").statusCode());
    }

    @Test
    void stateHasScansNewestFirstWithToneDutyReasonsDevicesHubAndLists() {
        desk.scans(Scans.fever(42, "王芳"), Scans.unknown(41), Scans.retest(40), Scans.admit(39, "张伟"));
        desk.onDuty(Scans.volunteer());
        JsonNode s = ConsoleClient.json(signedIn().get("/api/state"));
        assertEquals("north-gate", s.get("gate").asText());
        assertEquals(clock.instant().toString(), s.get("now").asText());
        JsonNode last = s.get("scans").get(0);
        assertEquals(42, last.get("seq").asLong());
        assertEquals("deny-fever", last.get("decision").asText());
        assertEquals("red", last.get("tone").asText());
        assertEquals("440305********5678", last.get("masked").asText());
        assertEquals("王芳", last.get("name").asText());
        assertEquals("5-1-302", last.get("household").asText());
        assertEquals(38.1, last.get("body_c").asDouble());
        assertEquals(37.3, last.get("threshold_c").asDouble());
        assertEquals(List.of("red", "amber", "amber", "green"), s.get("scans").findValuesAsText("tone"));
        assertEquals(Scans.VOLUNTEER_BADGE, s.get("on_duty").get(0).get("badge").asText());
        assertEquals("李志愿", s.get("on_duty").get(0).get("name").asText());
        List<String> reasons = new ArrayList<>();
        s.get("override_reasons").forEach(n -> reasons.add(n.asText()));
        assertEquals(FakeDesk.REASONS, reasons);
        assertEquals("connected", s.get("devices").get(0).get("state").asText());
        assertEquals("disconnected", s.get("devices").get(1).get("state").asText());
        assertEquals("port gone", s.get("devices").get(1).get("last_error").asText());
        assertFalse(s.get("hub").get("connected").asBoolean());
        assertEquals(17, s.get("hub").get("backlog").asLong());
        assertEquals(2, s.get("lists").get("blocked").asLong());
        assertEquals(3, s.get("lists").get("quarantine").asLong());
    }

    @Test
    void aFullIdNumberFromTheDeskIsMaskedBeforeItLeavesTheServer() {
        desk.scans(ScanView.builder(7, Scans.AT, "admit")
                .admitted(true)
                .masked("11010519491231002X")
                .name("张伟")
                .role("resident")
                .bodyC(36.5)
                .thresholdC(37.3)
                .reader("idcard")
                .build());
        HttpResponse<String> r = signedIn().get("/api/state");
        assertFalse(r.body().contains("11010519491231002X"), r.body());
        assertEquals(
                "110105********002X",
                ConsoleClient.json(r).get("scans").get(0).get("masked").asText());
    }

    @Test
    void theVisitorFormReachesTheDeskForItsUnknownEntry() {
        desk.scans(Scans.unknown(41));
        HttpResponse<String> r = signedIn()
                .post(
                        "/api/visitor",
                        Map.of(
                                "seq",
                                41,
                                "name",
                                " 赵敏 ",
                                "phone",
                                "13812345678",
                                "visiting",
                                "3-2-501",
                                "reason",
                                "探亲"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = ConsoleClient.json(r);
        assertTrue(body.get("ok").asBoolean());
        assertEquals(1001, body.get("seq").asLong());
        assertEquals(
                List.of(new FakeDesk.VisitorCall(41, new VisitorForm("赵敏", "13812345678", "3-2-501", "探亲"))),
                desk.visitors);
    }

    @Test
    void aVisitorFormWithAnIdNumberInAnyFieldIsRefusedAndNeverReachesTheDesk() {
        signedIn();
        for (String field : List.of("name", "phone", "visiting", "reason")) {
            Map<String, Object> form = new HashMap<>(
                    Map.of("seq", 41, "name", "赵敏", "phone", "13812345678", "visiting", "3-2-501", "reason", "探亲"));
            form.put(field, "身份证 110105 19491231 002X");
            HttpResponse<String> r = client.post("/api/visitor", form);
            assertEquals(400, r.statusCode(), field);
            assertTrue(r.body().contains("ID number"), r.body());
        }
        assertTrue(desk.visitors.isEmpty());
    }

    @Test
    void aMissingFieldOrMalformedBodyIsABadRequest() {
        signedIn();
        assertEquals(
                400,
                client.post("/api/visitor", Map.of("seq", 41, "name", "赵敏")).statusCode());
        assertEquals(
                400,
                client.post("/api/override", Map.of("seq", "x", "reason", "other", "by", "b"))
                        .statusCode());
        assertEquals(400, client.post("/api/duty", Map.of("action", "sideways")).statusCode());
        assertEquals(
                400,
                client.send(client.request("/api/override")
                                .header("Cookie", client.cookie)
                                .header("X-CSRF-Token", client.csrf)
                                .POST(HttpRequest.BodyPublishers.ofString("[1,"))
                                .build())
                        .statusCode());
        assertTrue(
                desk.visitors.isEmpty() && desk.overrides.isEmpty() && desk.dutyArms.isEmpty() && desk.masks.isEmpty());
    }

    @Test
    void anOverrideReachesTheDeskWithItsReasonAndTheVolunteersBadge() {
        desk.scans(Scans.fever(42, "王芳"));
        desk.onDuty(Scans.volunteer());
        HttpResponse<String> r = signedIn()
                .post("/api/override", Map.of("seq", 42, "reason", "medical-emergency", "by", Scans.VOLUNTEER_BADGE));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(
                List.of(new FakeDesk.OverrideCall(42, "medical-emergency", Scans.VOLUNTEER_BADGE)), desk.overrides);
    }

    @Test
    void anActionTheDeskRefusesIsAConflictWithTheDesksMessage() {
        desk.refuseWith("已超过2分钟 Too late to override");
        HttpResponse<String> r =
                signedIn().post("/api/override", Map.of("seq", 42, "reason", "other", "by", Scans.VOLUNTEER_BADGE));
        assertEquals(409, r.statusCode());
        assertFalse(ConsoleClient.json(r).get("ok").asBoolean());
        assertEquals(
                "已超过2分钟 Too late to override",
                ConsoleClient.json(r).get("message").asText());
    }

    @Test
    void maskConfirmationAndDutySignInAndOutReachTheDesk() {
        signedIn();
        assertEquals(200, client.post("/api/mask", Map.of()).statusCode());
        assertEquals(200, client.post("/api/duty", Map.of("action", "in")).statusCode());
        assertEquals(200, client.post("/api/duty", Map.of("action", "out")).statusCode());
        assertEquals(1, desk.masks.size());
        assertEquals(List.of(true, false), desk.dutyArms);
    }

    @Test
    void thePageAndItsFilesAreServedWithAStrictContentSecurityPolicyAndNoExternalResource() {
        for (String path : List.of("/", "/console.css", "/console.js")) {
            HttpResponse<String> r = client.get(path);
            assertEquals(200, r.statusCode(), path);
            assertTrue(r.headers()
                    .firstValue("Content-Security-Policy")
                    .orElseThrow()
                    .startsWith("default-src 'none'"));
            assertFalse(
                    r.body().matches("(?s).*(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}.*"), path + " refers to another host");
            assertFalse(r.body().contains("innerHTML"), path);
        }
        assertTrue(client.get("/").body().contains("放行")
                || client.get("/console.js").body().contains("放行"));
        assertEquals(404, client.get("/etc/passwd").statusCode());
        assertEquals(401, client.get("/api/nothing").statusCode(), "a signed-out client learns nothing of the routes");
        assertEquals(404, signedIn().get("/api/nothing").statusCode());
    }

    @Test
    void onLoopbackWithoutAPinAnyPinSignsIn() throws Exception {
        try (ConsoleServer open = ConsoleServer.start(ConsoleConfig.loopback(0), desk, Scans.status(), clock)) {
            ConsoleClient c = new ConsoleClient(open.port());
            assertFalse(ConsoleClient.json(c.get("/api/session"))
                    .get("pin_required")
                    .asBoolean());
            assertEquals(200, c.login("").statusCode());
            assertEquals(200, c.get("/api/state").statusCode());
        }
    }
}
