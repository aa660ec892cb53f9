package org.gatepost.simulator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.gatepost.agent.Agent;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.agent.identity.HashScheme;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.FreePorts;
import org.gatepost.hub.Hub;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.hub.lists.Policy;
import org.gatepost.simulator.crowd.Community;
import org.gatepost.simulator.demo.DemoLists;
import org.gatepost.simulator.demo.GateAgents;
import org.gatepost.simulator.gate.SimulatedGate;

/** Starts the real parts of an end-to-end run and reads the hub's API as a user's browser would. */
final class GateFixture {
    static final String SECRET = "end-to-end-community-secret";
    /** The hub's operator {@code admin}; the API needs a session. */
    static final String ADMIN_PASSWORD = "end-to-end-admin-password";

    private static final Map<Integer, String> SESSION_COOKIES = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GateFixture() {}

    /** A hub on an ephemeral HTTP port; {@code mqttUrl} null starts its embedded broker on {@code brokerPort}. */
    static Hub hub(Path dir, String mqttUrl, int brokerPort) throws Exception {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("http.port", "0");
        cfg.put("http.host", "127.0.0.1");
        cfg.put("store.path", dir.resolve("hub.db").toString());
        cfg.put("community.secret", SECRET);
        cfg.put("admin.password", ADMIN_PASSWORD);
        if (mqttUrl != null) {
            cfg.put("mqtt.url", mqttUrl);
        } else {
            cfg.put("broker.port", String.valueOf(brokerPort));
        }
        Hub hub = Hub.start(HubConfigParser.parse(cfg), Clock.systemUTC());
        firstReadingDecides(hub);
        return hub;
    }

    /**
     * The hub's default policy with no re-measure ({@code retest_rest_s} 0): a fever reading decides at once, so a
     * test sees its {@code deny-fever} and alert without a 5-minute rest. The retest itself is tested with a fixed
     * clock in the agent ({@code GateRulesTest}, {@code CheckpointRulesTest}).
     */
    static void firstReadingDecides(Hub hub) throws Exception {
        setRetestRest(hub, 0);
    }

    /** Publishes the hub's default policy with a re-measure rest of {@code restS} seconds. */
    static void setRetestRest(Hub hub, int restS) throws Exception {
        Policy d = Policy.DEFAULT;
        hub.lists()
                .setPolicy(
                        new Policy(
                                d.thresholdC(),
                                d.enforcement(),
                                d.measureOnly(),
                                d.mask(),
                                restS,
                                d.duplicateWindowS(),
                                d.exitQuota()),
                        "e2e",
                        "127.0.0.1");
    }

    /** A hub with its embedded broker on a free port, holding {@code community}'s lists as the demo loads them. */
    static Hub hubWithLists(Path dir, Community community) throws Exception {
        Hub hub = hub(dir, null, FreePorts.pick());
        try {
            DemoLists.load(hub.lists(), community, SECRET, Clock.systemUTC());
            return hub;
        } catch (Exception | Error e) {
            hub.close();
            throw e;
        }
    }

    /** The keyed hash (scheme V2) the gates keep of {@code member}'s ID number under the fixture's secret. */
    static String credentialHash(Community.Member member) {
        return new CredentialHasher(SECRET).hash(member.card().idNumber(), HashScheme.V2);
    }

    /** The first registered member of {@code community} whose household is neither quarantined nor blocked. */
    static Community.Member residentFreeToEnter(Community community) {
        return community.members().stream()
                .filter(m -> m.registered()
                        && !m.household().equals(community.quarantinedHousehold())
                        && !m.household().equals(community.blockedHousehold()))
                .findFirst()
                .orElseThrow();
    }

    /** An agent for {@code gateId} on {@code gate} in {@code dir}, with the usual configuration. */
    static Agent agent(Path dir, String gateId, SimulatedGate gate, String mqttUrl) throws Exception {
        return agent(dir, agentProperties(dir, gateId, gate, mqttUrl));
    }

    /** An agent started from {@code properties} in {@code dir}. */
    static Agent agent(Path dir, Properties properties) throws Exception {
        return Agent.start(GateAgents.config(properties, dir), Clock.systemUTC());
    }

    /** The properties of an agent for {@code gateId} on {@code gate}: its store {@code dir/<gateId>.db}. */
    static Properties agentProperties(Path dir, String gateId, SimulatedGate gate, String mqttUrl) {
        return GateAgents.properties(gateId, gate, mqttUrl, SECRET, dir.resolve(gateId + ".db"));
    }

    /** Polls the hub's entries from {@code gateId} until there are {@code count}; returns that response. */
    static JsonNode awaitEntries(Hub hub, String gateId, Duration timeout, int count) {
        return awaitApi(
                hub,
                "/api/entries?gate=" + gateId,
                timeout,
                r -> r.get("entries").size() == count);
    }

    static JsonNode get(Hub hub, String pathAndQuery) {
        try {
            HttpRequest.Builder req =
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + pathAndQuery));
            HttpResponse<String> r = HTTP.send(
                    req.copy().header("Cookie", sessionCookie(hub)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401) { // a cookie from an earlier hub on the same port
                SESSION_COOKIES.remove(hub.httpPort());
                r = HTTP.send(
                        req.header("Cookie", sessionCookie(hub)).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            assertEquals(200, r.statusCode(), pathAndQuery + ": " + r.body());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Logs in as admin once per hub (by port) and keeps the session cookie, as a browser would. */
    static String sessionCookie(Hub hub) throws IOException, InterruptedException {
        String known = SESSION_COOKIES.get(hub.httpPort());
        if (known != null) {
            return known;
        }
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("name", "admin", "password", ADMIN_PASSWORD))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "login: " + r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        SESSION_COOKIES.put(hub.httpPort(), cookie);
        return cookie;
    }

    static String getText(Hub hub, String pathAndQuery) {
        return get(hub, pathAndQuery).toString();
    }

    /** Polls the API until {@code done} holds for the response, or fails with the last response. */
    static JsonNode awaitApi(Hub hub, String pathAndQuery, Duration timeout, Predicate<JsonNode> done) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Await.until(
                pathAndQuery,
                timeout,
                Duration.ofMillis(50),
                () -> done.test(last.updateAndGet(x -> get(hub, pathAndQuery))),
                () -> "last response: " + last.get());
        return last.get();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, Duration.ofMillis(20), condition, () -> "n/a");
    }
}
