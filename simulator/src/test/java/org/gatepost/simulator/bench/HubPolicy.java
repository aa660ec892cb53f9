package org.gatepost.simulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sets a benchmark hub's policy through its API, as an operator would: signs in as admin and puts the policy.
 * The benchmarks use the hub's default policy without the re-measure ({@code retest_rest_s} 0), so a fever scan is
 * a {@code deny-fever} entry and an alert at once, as the figures measure.
 */
final class HubPolicy {
    static final String FIRST_READING_DECIDES = """
            {"threshold_c": 37.3, "enforcement": "hard", "measure_only": false, "mask": "reminder",
             "retest_rest_s": 0, "duplicate_window_s": 10, "exit_quota": null}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubPolicy() {}

    /** The text after {@code event=dashboard-ready url=} in the hub's start line. */
    static final String URL_MARK = "event=dashboard-ready url=";

    /** Puts {@code policyJson} at the hub whose start line is {@code urlLine}, signed in as admin with {@code password}. */
    static void put(String urlLine, String password, String policyJson) throws IOException, InterruptedException {
        String base = urlLine.substring(urlLine.indexOf(URL_MARK) + URL_MARK.length())
                .trim()
                .replaceAll("/$", "");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                                .put("name", "admin")
                                .put("password", password)
                                .toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IOException("hub login: " + login.statusCode() + " " + login.body());
        }
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        JsonNode session = JSON.readTree(login.body());
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/lists/policy"))
                        .header("Content-Type", "application/json")
                        .header("Cookie", cookie)
                        .header("X-CSRF-Token", session.path("csrf_token").asText())
                        .PUT(HttpRequest.BodyPublishers.ofString(policyJson))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IOException("hub policy: " + put.statusCode() + " " + put.body());
        }
    }
}
