package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two hubs' web servers on one database, as behind a reverse proxy that may send each request to either: a login
 * on one works on the other, a form's CSRF token too, a logout or password change on one ends the session on both,
 * the login throttle counts the attempts made at both, and a session outlives a restart. On each backend (two
 * SQLite stores on one file stand in for a restart more than for a deployment: several hubs need PostgreSQL).
 */
class MultiHubSessionsTest extends OnEachBackend {
    private WebFixture a;
    private WebFixture b;

    @BeforeEach
    void start() throws Exception {
        a = hub();
        b = hub();
    }

    @AfterEach
    void stop() {
        for (WebFixture w : new WebFixture[] {a, b}) {
            if (w != null) {
                w.close();
            }
        }
    }

    private WebFixture hub() throws Exception {
        return new WebFixture(databases.settings(backend), Optional.of(TestHubs.ADMIN_PASSWORD), null);
    }

    @Test
    void aLoginOnOneHubWorksOnTheOtherWithTheSameCsrfToken() {
        ApiSession onA = a.admin();
        ApiSession onB = onA.at(b.port());

        JsonNode session = onB.getJson("/api/session");
        assertEquals("admin", session.get("name").textValue());
        assertEquals(onA.csrfToken(), session.get("csrf_token").textValue());
        assertEquals(200, onB.get("/api/gates").statusCode());
        var created =
                onB.post("/api/users", Map.of("name", "clerk", "role", "observer", "password", "clerk-password-1"));
        assertEquals(201, created.statusCode(), "a form from hub A posted to hub B: " + created.body());
        assertEquals(
                1,
                onA.getJson("/api/audit?action=account-create&actor=admin")
                        .get("events")
                        .size(),
                "the audit log is the database's: hub A shows what B did");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedOnTheOtherHub() throws Exception {
        ApiSession onA = a.admin();
        ApiSession other = a.account("clerk", "operator");

        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + "/api/logout"))
                                .header("Cookie", onA.cookie())
                                .header("X-CSRF-Token", other.csrfToken())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertEquals(403, r.statusCode(), "another session's CSRF token: " + r.body());
        assertEquals(200, onA.at(b.port()).get("/api/gates").statusCode(), "still signed in");
    }

    @Test
    void aLogoutOnOneHubEndsTheSessionOnTheOther() {
        ApiSession onA = a.admin();

        assertEquals(204, onA.at(b.port()).post("/api/logout", Map.of()).statusCode());

        assertEquals(401, onA.get("/api/gates").statusCode());
        assertEquals(401, onA.at(b.port()).get("/api/gates").statusCode());
    }

    @Test
    void aPasswordChangeOnOneHubEndsTheAccountsOtherSessionsOnBoth() {
        ApiSession kept = a.admin();
        ApiSession elsewhere = ApiSession.admin(b.port());

        assertEquals(
                204,
                kept.post(
                                "/api/account/password",
                                Map.of("current", TestHubs.ADMIN_PASSWORD, "new", "another-password-1"))
                        .statusCode());

        assertEquals(401, elsewhere.get("/api/gates").statusCode());
        assertEquals(401, elsewhere.at(a.port()).get("/api/gates").statusCode());
        assertEquals(200, kept.at(b.port()).get("/api/gates").statusCode(), "the session that changed it stays");
    }

    @Test
    void theLoginThrottleCountsTheAttemptsMadeAtBothHubs() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 10; i++) {
            WebFixture to = i % 2 == 0 ? a : b;
            assertEquals(
                    401, login(http, to, "admin", "guess-" + i + "-password").statusCode());
        }

        HttpResponse<String> r = login(http, a, "admin", TestHubs.ADMIN_PASSWORD);
        assertEquals(429, r.statusCode(), "ten checks for the name, five at each hub: " + r.body());
        assertEquals(429, login(http, b, "admin", TestHubs.ADMIN_PASSWORD).statusCode());
    }

    @Test
    void aSessionOutlivesARestartOfTheHubThatOpenedIt() throws Exception {
        ApiSession s = a.admin();
        a.close();
        a = null;

        a = hub();

        assertEquals("admin", s.at(a.port()).getJson("/api/session").get("name").textValue());
        assertEquals(
                201,
                s.at(a.port())
                        .post("/api/users", Map.of("name", "clerk", "role", "observer", "password", "clerk-password-1"))
                        .statusCode(),
                "with the CSRF token the page had before");
    }

    @Test
    void aLiveStreamOnOneHubIsClosedWhenItsSessionEndsOnTheOther() throws Exception {
        ApiSession s = a.admin();
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + "/api/events"))
                .header("Cookie", s.cookie())
                .header("Accept", "text/event-stream")
                .build();
        CompletableFuture<HttpResponse<Stream<String>>> stream =
                HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(r -> r.body().filter(l -> l.startsWith("event: ")).forEach(l -> events.add(l.substring(7))));
        try {
            assertEquals("hello", events.poll(10, TimeUnit.SECONDS));

            assertEquals(204, s.at(b.port()).post("/api/logout", Map.of()).statusCode());

            Duration wait = LiveFeed.SESSION_CHECK_INTERVAL.plusSeconds(10);
            assertEquals(
                    "signed-out",
                    events.poll(wait.toMillis(), TimeUnit.MILLISECONDS),
                    "the stream on hub A learns of the logout on hub B");
        } finally {
            stream.cancel(true);
        }
    }

    private static HttpResponse<String> login(HttpClient http, WebFixture to, String name, String password)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                ApiSession.json(Map.of("name", name, "password", password))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
