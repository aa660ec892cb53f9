package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logins sent in parallel over real HTTP, from addresses of the loopback network (127.0.0.0/8 all reaches this
 * machine, so a client bound to 127.0.0.2 is another address to the hub). Every password check is audited
 * ({@code login} or {@code login-failed}), so the audit log counts the checks. On each backend: the throttle's
 * slots live in the database.
 */
class LoginFloodTest extends OnEachBackend {
    private WebFixture web;
    private ApiSession admin;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(databases.settings(backend), Optional.of(TestHubs.ADMIN_PASSWORD), null);
        admin = web.admin();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private static HttpClient from(String address) throws Exception {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(InetAddress.getByName(address))
                .build();
    }

    private CompletableFuture<Integer> login(HttpClient client, String name, String password) {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiSession.json(Map.of("name", name, "password", password))))
                .build();
        return client.sendAsync(r, HttpResponse.BodyHandlers.ofString())
                .thenApply(HttpResponse::statusCode)
                .exceptionally(e -> -1);
    }

    /** Password checks audited for {@code remote}. */
    private long checksFrom(String remote) {
        long n = 0;
        for (String action : List.of("login", "login-failed")) {
            JsonNode events =
                    admin.getJson("/api/audit?action=" + action + "&limit=1000").get("events");
            n += StreamSupport.stream(events.spliterator(), false)
                    .filter(e -> remote.equals(e.get("remote").textValue()))
                    .count();
        }
        return n;
    }

    private static Map<Integer, Integer> tally(List<CompletableFuture<Integer>> answers) {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        answers.forEach(a -> byStatus.merge(a.join(), 1, Integer::sum));
        return byStatus;
    }

    @Test
    void twoHundredParallelLoginsFromOneAddressGetAtMostTenPasswordChecks() throws Exception {
        HttpClient client = from("127.0.0.2");
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(login(client, "admin", i == 150 ? TestHubs.ADMIN_PASSWORD : "guess-" + i + "-password"));
        }
        Map<Integer, Integer> byStatus = tally(answers);
        long checks = checksFrom("127.0.0.2");
        System.out.println("parallel logins answers=" + byStatus + " checks=" + checks);

        assertTrue(checks <= 10, "password checks " + checks + " (answers " + byStatus + ")");
        assertEquals(checks, byStatus.getOrDefault(401, 0) + byStatus.getOrDefault(200, 0), byStatus.toString());
        assertTrue(Set.of(-1, 200, 401, 429, 503).containsAll(byStatus.keySet()), byStatus.toString());
    }

    @Test
    void aSuccessfulLoginOfAnotherAccountDoesNotClearTheAddressesFailures() throws Exception {
        HttpClient client = from("127.0.0.3");
        web.account("clerk", "observer");
        for (int i = 0; i < 9; i++) {
            assertEquals(401, login(client, "admin", "guess-" + i + "-password").join());
        }
        assertEquals(200, login(client, "clerk", "clerk-password-1").join());

        assertEquals(401, login(client, "admin", "guess-9-password").join());
        assertEquals(429, login(client, "admin", TestHubs.ADMIN_PASSWORD).join());
        assertEquals(429, login(client, "clerk", "clerk-password-1").join(), "the address is spent for every name");
    }

    @Test
    void tenFailuresForOneNameFromManyAddressesStopTheNextAddressToo() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals(
                    401,
                    login(from("127.0.1." + (i + 1)), "admin", "guess-" + i + "-password")
                            .join());
        }
        assertEquals(
                429, login(from("127.0.1.99"), "admin", TestHubs.ADMIN_PASSWORD).join());
        assertEquals(401, login(from("127.0.1.99"), "nobody", "guess-password").join(), "other names are not affected");
    }

    @Test
    void answersLoginsBeyondTheConcurrentChecksWith503AtOnce() throws Exception {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(login(from("127.0.2." + (i + 1)), "user" + i, "guess-" + i + "-password"));
        }
        Map<Integer, Integer> byStatus = tally(answers);
        System.out.println("logins from 40 addresses at once answers=" + byStatus);

        assertTrue(byStatus.getOrDefault(503, 0) > 0, byStatus.toString());
        assertEquals(40, byStatus.getOrDefault(401, 0) + byStatus.getOrDefault(503, 0), byStatus.toString());
        assertEquals(
                2L * byStatus.getOrDefault(401, 0),
                web.storage.loginSlots().count(),
                "each failed check holds its address's and its name's slot; a 503 took none");
    }

    @Test
    void answersPasswordChangesBeyondTheConcurrentChecksWith503AtOnce() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = ApiSession.json(Map.of("current", "not-the-password", "new", "another-password-1"));
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpRequest r = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + web.port() + "/api/account/password"))
                    .header("Content-Type", "application/json")
                    .header("Cookie", admin.cookie())
                    .header("X-CSRF-Token", admin.csrfToken())
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            answers.add(client.sendAsync(r, HttpResponse.BodyHandlers.ofString())
                    .thenApply(HttpResponse::statusCode)
                    .exceptionally(e -> -1));
        }
        Map<Integer, Integer> byStatus = tally(answers);
        System.out.println("password changes at once answers=" + byStatus);

        assertTrue(byStatus.getOrDefault(503, 0) > 0, byStatus.toString());
        assertEquals(20, byStatus.getOrDefault(400, 0) + byStatus.getOrDefault(503, 0), byStatus.toString());
    }
}
