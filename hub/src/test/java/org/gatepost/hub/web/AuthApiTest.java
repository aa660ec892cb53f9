package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logins, sessions, CSRF and roles over HTTP, against the web server alone with a clock the test moves. */
class AuthApiTest extends OnEachBackend {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private WebFixture web;

    /** This test's own server, started on first use (the nested tests share theirs). */
    private WebFixture web() throws Exception {
        if (web == null) {
            web = new WebFixture(databases.settings(backend), Optional.of(TestHubs.ADMIN_PASSWORD), null);
        }
        return web;
    }

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.close();
        }
    }

    private HttpResponse<String> raw(String method, String path, String body, String... headers) throws Exception {
        return send(web(), method, path, body, headers);
    }

    /** POSTs JSON with {@code s}'s cookie and {@code csrfToken} as the token, or without a token when null. */
    private HttpResponse<String> postAs(ApiSession s, String path, String body, String csrfToken) throws Exception {
        if (csrfToken == null) {
            return raw("POST", path, body, "Content-Type", "application/json", "Cookie", s.cookie());
        }
        return raw(
                "POST",
                path,
                body,
                "Content-Type",
                "application/json",
                "Cookie",
                s.cookie(),
                "X-CSRF-Token",
                csrfToken);
    }

    private static HttpResponse<String> send(WebFixture to, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String name, String password) throws Exception {
        return raw(
                "POST",
                "/api/login",
                ApiSession.json(Map.of("name", name, "password", password)),
                "Content-Type",
                "application/json");
    }

    private JsonNode audit(ApiSession s, String action) {
        return s.getJson("/api/audit?action=" + action).get("events");
    }

    @Test
    void logsInWithTheRightPasswordAndSetsAnHttpOnlySameSiteStrictCookie() throws Exception {
        HttpResponse<String> r = login("admin", TestHubs.ADMIN_PASSWORD);

        assertEquals(200, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.matches("gatepost_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict"), cookie);
        JsonNode body = ApiSession.parse(r.body());
        assertEquals("admin", body.get("name").textValue());
        assertEquals("operator", body.get("role").textValue());
        assertEquals(43, body.get("csrf_token").textValue().length());
        assertEquals(WebFixture.IDLE.toSeconds(), body.get("idle_timeout_s").longValue());
        assertFalse(cookie.contains(body.get("csrf_token").textValue()), "the CSRF token is not the cookie");
    }

    @Test
    void acceptsTheNameInAnyCaseWithSurroundingSpaces() throws Exception {
        assertEquals(200, login("  Admin ", TestHubs.ADMIN_PASSWORD).statusCode());
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownNameAlikeAndAuditsBoth() throws Exception {
        HttpResponse<String> wrong = login("admin", "not-the-password");
        HttpResponse<String> unknown = login("mallory", "whatever-password");

        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(wrong.body(), unknown.body(), "the answer does not tell which names exist");
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        JsonNode failed = audit(web().admin(), "login-failed");
        assertEquals(2, failed.size());
        assertTrue(
                failed.get(0).get("actor").textValue().matches("unknown-user\\(len=7,tag=[0-9a-f]{6}\\)"),
                failed.get(0).toString());
        assertEquals("unknown name", failed.get(0).get("detail").textValue());
        assertEquals("admin", failed.get(1).get("actor").textValue());
        assertEquals("wrong password", failed.get(1).get("detail").textValue());
        assertFalse(failed.toString().contains("not-the-password"), "passwords are never audited");
    }

    @Test
    void neverLogsNorAuditsAPasswordTypedIntoTheNameField() throws Exception {
        web();
        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            assertEquals(401, login("Correct-Horse-9", "whatever-password").statusCode());
            assertEquals(401, login("Correct-Horse-9", "whatever-password").statusCode());
        } finally {
            System.setErr(err);
        }

        JsonNode failed = audit(web().admin(), "login-failed");
        String log = logged.toString(StandardCharsets.UTF_8);
        err.print(log);
        assertEquals(2, failed.size());
        String shown = failed.get(0).get("actor").textValue();
        assertTrue(shown.matches("unknown-user\\(len=15,tag=[0-9a-f]{6}\\)"), shown);
        assertEquals(shown, failed.get(1).get("actor").textValue(), "the same text shows the same tag");
        assertTrue(log.contains("event=login-failed user=" + shown), log);
        assertFalse(failed.toString().toLowerCase(Locale.ROOT).contains("correct-horse"), failed.toString());
        assertFalse(log.toLowerCase(Locale.ROOT).contains("correct-horse"), log);
    }

    @Test
    void auditsEachLoginWithTheRoleAndAddress() throws Exception {
        web().admin();

        JsonNode logins = audit(web().admin(), "login");
        assertEquals(2, logins.size());
        assertEquals("admin", logins.get(0).get("actor").textValue());
        assertEquals("operator", logins.get(0).get("detail").textValue());
        assertEquals("127.0.0.1", logins.get(0).get("remote").textValue());
    }

    /** Requests without a session: they change nothing, so they share one server. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutASession {
        private WebFixture shared;

        @BeforeAll
        void start(@TempDir Path sharedDir) throws Exception {
            shared = new WebFixture(sharedDir);
        }

        @AfterAll
        void stop() throws Exception {
            shared.close();
        }

        private HttpResponse<String> anonymous(String method, String path, String body, String... headers)
                throws Exception {
            return send(shared, method, path, body, headers);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "/api/gates",
                    "/api/entries",
                    "/api/alerts",
                    "/api/session",
                    "/api/reports",
                    "/api/users",
                    "/api/audit",
                    "/api/events",
                    "/api/export/entries.csv",
                    "/api/export/alerts.csv",
                    "/api/nope"
                })
        void answersAnApiCallWithoutASessionWith401Json(String path) throws Exception {
            HttpResponse<String> r = anonymous("GET", path, null);

            assertEquals(401, r.statusCode(), r.body());
            assertEquals(
                    "application/json", r.headers().firstValue("Content-Type").orElse(""));
            assertEquals(
                    "not signed in, or the session expired",
                    ApiSession.parse(r.body()).get("error").textValue());
        }

        @Test
        void answersAStateChangingCallWithoutASessionWith401() throws Exception {
            HttpResponse<String> r =
                    anonymous("POST", "/api/alerts/1/acknowledge", "{}", "Content-Type", "application/json");

            assertEquals(401, r.statusCode());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/", "/index.html", "/app.js", "/dom.js", "/anything"})
        void redirectsAPageWithoutASessionToTheLoginPage(String path) throws Exception {
            HttpResponse<String> r = anonymous("GET", path, null);

            assertEquals(302, r.statusCode());
            assertEquals("/login", r.headers().firstValue("Location").orElse(""));
            assertFalse(r.body().contains("<script"), r.body());
        }

        @Test
        void servesTheLoginPageAndWhatItLoadsWithoutASession() throws Exception {
            HttpResponse<String> page = anonymous("GET", "/login", null);

            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("id=\"login-form\""));
            assertEquals(
                    WebServer.CSP,
                    page.headers().firstValue("Content-Security-Policy").orElse(""));
            assertEquals(200, anonymous("GET", "/login.js", null).statusCode());
            assertEquals(200, anonymous("GET", "/i18n.js", null).statusCode());
            assertEquals(200, anonymous("GET", "/style.css", null).statusCode());
        }

        @Test
        void servesThePagesTextsInTheBrowsersLanguageUnlessTheSwitchChoseAnother() throws Exception {
            JsonNode chinese =
                    JSON.readTree(anonymous("GET", MessageRoutes.PATH, null, "Accept-Language", "en;q=0.5, zh-CN;q=0.9")
                            .body());
            JsonNode chosen = JSON.readTree(anonymous(
                            "GET",
                            MessageRoutes.PATH,
                            null,
                            "Accept-Language",
                            "zh-CN",
                            "Cookie",
                            PageLanguage.COOKIE + "=en")
                    .body());
            HttpResponse<String> none = anonymous("GET", MessageRoutes.PATH, null);

            assertEquals("zh-CN", chinese.get("lang").textValue());
            assertEquals("登录", chinese.get("messages").get("login.submit").textValue());
            assertEquals("en", chosen.get("lang").textValue());
            assertEquals("Sign in", chosen.get("messages").get("login.submit").textValue());
            assertEquals(200, none.statusCode());
            assertEquals("en", JSON.readTree(none.body()).get("lang").textValue());
            assertEquals("no-store", none.headers().firstValue("Cache-Control").orElse(""));
        }
    }

    @Test
    void sendsASignedInBrowserFromTheLoginPageToTheDashboard() throws Exception {
        HttpResponse<String> r = web().admin().get("/login");

        assertEquals(302, r.statusCode());
        assertEquals("/", r.headers().firstValue("Location").orElse(""));
    }

    @Test
    void endsASessionThatStaysIdleForTheTimeout() throws Exception {
        ApiSession s = web().admin();
        web().clock.advance(WebFixture.IDLE.minusSeconds(1));
        assertEquals(200, s.get("/api/gates").statusCode(), "still inside the idle timeout");

        web().clock.advance(WebFixture.IDLE.minusSeconds(1));
        assertEquals(200, s.get("/api/gates").statusCode(), "the previous request restarted the idle timer");

        web().clock.advance(WebFixture.IDLE);
        HttpResponse<String> expired = s.get("/api/gates");
        assertEquals(401, expired.statusCode());
        web().clock.advance(Duration.ofSeconds(-1));
        assertEquals(401, s.get("/api/gates").statusCode(), "an ended session stays ended");
    }

    @Test
    void refusesAStateChangingRequestWithoutTheRightCsrfToken() throws Exception {
        ApiSession s = web().admin();
        String body = ApiSession.json(Map.of("name", "eve", "role", "observer", "password", "eve-password-1"));

        HttpResponse<String> none = postAs(s, "/api/users", body, null);
        HttpResponse<String> wrong = postAs(s, "/api/users", body, "A".repeat(43));
        ApiSession other = web().admin();
        HttpResponse<String> someoneElses = postAs(s, "/api/users", body, other.csrfToken());
        HttpResponse<String> logout = postAs(s, "/api/logout", "{}", null);

        for (HttpResponse<String> r : List.of(none, wrong, someoneElses, logout)) {
            assertEquals(403, r.statusCode(), r.body());
            assertTrue(ApiSession.parse(r.body()).get("error").textValue().startsWith("missing or wrong CSRF token"));
        }
        assertEquals(1, s.getJson("/api/users").get("users").size(), "nothing was created");
        assertEquals(
                201,
                s.post("/api/users", Map.of("name", "eve", "role", "observer", "password", "eve-password-1"))
                        .statusCode(),
                "with its own token the same request works");
    }

    @Test
    void refusesALoginThatIsNotJsonSoACrossSiteFormCannotPostIt() throws Exception {
        HttpResponse<String> r = raw(
                "POST",
                "/api/login",
                "name=admin&password=" + TestHubs.ADMIN_PASSWORD,
                "Content-Type",
                "application/x-www-form-urlencoded");

        assertEquals(415, r.statusCode());
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void letsAnObserverReadEverythingButChangeNothing() throws Exception {
        ApiSession observer = web().account("street-office", "observer");

        assertEquals("observer", observer.session().get("role").textValue());
        for (String path : new String[] {
            "/api/gates",
            "/api/entries",
            "/api/alerts",
            "/api/reports",
            "/api/health",
            "/api/export/entries.csv",
            "/api/export/alerts.csv",
            "/"
        }) {
            assertEquals(200, observer.get(path).statusCode(), path);
        }
        for (String path : new String[] {"/api/alerts/1/acknowledge", "/api/alerts/1/resolve", "/api/users"}) {
            HttpResponse<String> r = observer.post(path, Map.of("note", "x"));
            assertEquals(403, r.statusCode(), path);
            assertTrue(ApiSession.parse(r.body()).get("error").textValue().startsWith("operators only"), r.body());
        }
        assertEquals(403, observer.get("/api/users").statusCode());
        assertEquals(403, observer.get("/api/audit").statusCode());
    }

    /** Asserts that creating the account is refused with {@code status}, naming {@code field}. */
    private static void assertCreateRefused(
            ApiSession admin, String name, String role, String password, int status, String field) {
        assertError(admin.post("/api/users", Map.of("name", name, "role", role, "password", password)), status, field);
    }

    @Test
    void createsAccountsAndRefusesDuplicatesBadNamesRolesAndWeakPasswords() throws Exception {
        ApiSession admin = web().admin();

        HttpResponse<String> created =
                admin.post("/api/users", Map.of("name", "li.wei", "role", "operator", "password", "long-enough-1"));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("li.wei", ApiSession.parse(created.body()).get("name").textValue());
        assertCreateRefused(admin, "li.wei", "operator", "long-enough-2", 409, "name");
        assertCreateRefused(admin, "Li Wei", "operator", "long-enough-2", 400, "name");
        assertCreateRefused(admin, "zhang", "root", "long-enough-2", 400, "role");
        assertCreateRefused(admin, "zhang", "observer", "short", 400, "password");
        assertCreateRefused(admin, "zhang", "observer", "密".repeat(25), 400, "password");
        assertError(
                admin.post(
                        "/api/users",
                        Map.of("name", "zhang", "role", "observer", "password", "x".repeat(9), "admin", true)),
                400,
                "admin");
        JsonNode created1 = audit(admin, "account-create");
        assertEquals("li.wei", created1.get(0).get("target").textValue());
        assertEquals("admin", created1.get(0).get("actor").textValue());
        assertEquals("role=operator", created1.get(0).get("detail").textValue());
        assertEquals(
                200,
                ApiSession.login(web().port(), "li.wei", "long-enough-1")
                        .get("/api/users")
                        .statusCode());
    }

    private static void assertError(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(field, ApiSession.parse(r.body()).get("field").textValue(), r.body());
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() throws Exception {
        ApiSession s = web().admin();

        HttpResponse<String> r = s.post("/api/logout", Map.of());

        assertEquals(204, r.statusCode());
        assertTrue(r.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        assertEquals(401, s.get("/api/gates").statusCode());
        assertEquals(1, audit(web().admin(), "logout").size());
    }

    @Test
    void refusesFurtherLoginsFromAnAddressAfterTenFailuresUntilTheWindowPasses() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals(401, login("admin", "guess-" + i + "-password").statusCode());
        }
        HttpResponse<String> throttled = login("admin", TestHubs.ADMIN_PASSWORD);
        assertEquals(429, throttled.statusCode());
        assertEquals("300", throttled.headers().firstValue("Retry-After").orElse(""));

        web().clock.advance(Duration.ofMinutes(5));
        assertEquals(200, login("admin", TestHubs.ADMIN_PASSWORD).statusCode());
    }

    @Test
    void tellsAProbeWithoutASessionOnlyWhetherTheHubIsOk() throws Exception {
        HttpResponse<String> anonymous = raw("GET", "/api/health", null);

        assertEquals(200, anonymous.statusCode());
        assertEquals("{\"ok\":true,\"store\":{\"writable\":true}}", anonymous.body());
        assertTrue(web().admin().getJson("/api/health").has("counts"), "signed in: the full body");
    }

    @Test
    void changingThePasswordEndsTheAccountsOtherSessions() throws Exception {
        ApiSession here = web().admin();
        ApiSession elsewhere = web().admin();

        assertError(
                here.post("/api/account/password", Map.of("current", "wrong-password", "new", "new-password-1")),
                400,
                "current");
        assertError(
                here.post("/api/account/password", Map.of("current", TestHubs.ADMIN_PASSWORD, "new", "short")),
                400,
                "new");
        assertEquals(
                204,
                here.post("/api/account/password", Map.of("current", TestHubs.ADMIN_PASSWORD, "new", "new-password-1"))
                        .statusCode());

        assertEquals(200, here.get("/api/gates").statusCode());
        assertEquals(401, elsewhere.get("/api/gates").statusCode());
        assertEquals(401, login("admin", TestHubs.ADMIN_PASSWORD).statusCode());
        assertEquals(200, login("admin", "new-password-1").statusCode());
    }

    @Test
    void firstStartWithoutAConfiguredPasswordPrintsAGeneratedOneOnce() throws Exception {
        try (WebFixture first = new WebFixture(databases.settings(backend, "fresh"), Optional.empty(), null)) {
            String printed = first.console.toString(StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("password: (\\S+)").matcher(printed);
            assertTrue(m.find(), printed);
            String password = m.group(1);
            assertTrue(password.length() >= 20, password);
            Path file = databases
                    .settings(backend, "fresh")
                    .path()
                    .toAbsolutePath()
                    .getParent()
                    .resolve("password-admin.txt");
            assertEquals(password + "\n", Files.readString(file), "kept beside the store before it was printed");
            assertEquals(
                    "operator",
                    ApiSession.login(first.port(), "admin", password)
                            .session()
                            .get("role")
                            .textValue());
        }
        try (WebFixture again = new WebFixture(databases.settings(backend, "fresh"), Optional.empty(), null)) {
            assertEquals("", again.console.toString(StandardCharsets.UTF_8), "printed only at the first start");
        }
    }

    @Test
    void configuredAdminPasswordIsNeverPrinted() throws Exception {
        assertEquals("", web().console.toString(StandardCharsets.UTF_8));
        assertNotEquals(0, web().admin().getJson("/api/users").get("users").size());
    }
}
