package org.gatepost.agent.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.gatepost.agent.checkpoint.Checkpoint;
import org.gatepost.agent.config.ConsoleConfig;
import org.gatepost.agent.config.GpioConfig;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.gpio.Pi4jGpio;
import org.gatepost.agent.health.HealthCheck;
import org.gatepost.agent.health.VolunteerHealthProvider;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.TestCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volunteer health provider end to end at the gate: a real checkpoint on a real SQLite store asks it, the
 * console's HTTP API (real server, real client, PIN and CSRF) shows the waiting check and takes the colour.
 */
class VolunteerHealthConsoleTest {
    private static final String PIN = "2468";
    private static final String HASH = "a".repeat(64);
    private final ForwardableClock clock = new ForwardableClock(Instant.parse("2026-11-28T08:00:00Z"));

    @TempDir
    Path dir;

    private SqliteEntryStore store;
    private Pi4jGpio gpio;
    private Checkpoint checkpoint;
    private ConsoleServer server;
    private ConsoleClient client;

    @BeforeEach
    void start() throws Exception {
        store = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", clock);
        gpio = Pi4jGpio.on(Pi4jGpio.mockContext(), GpioConfig.defaults());
        VolunteerHealthProvider volunteer = new VolunteerHealthProvider(clock);
        HealthCheck health = new HealthCheck(volunteer, volunteer, Duration.ofSeconds(30), true, false);
        checkpoint = TestCheckpoints.standard(store, gpio.signals(), clock)
                .health(health)
                .build();
        server = ConsoleServer.start(
                new ConsoleConfig(true, "127.0.0.1", 0, Optional.of(PIN), Duration.ofHours(1)),
                checkpoint.desk(),
                Scans.status(),
                clock,
                health.desk());
        client = new ConsoleClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        gpio.close();
        store.close();
    }

    private JsonNode entry(long seq) throws Exception {
        return new ObjectMapper().readTree(store.range(seq, seq, 1).get(0).payload());
    }

    private void measured() {
        checkpoint.presentCredential(new Credential(Credential.KIND_ID_CARD, HASH, "110105********002X"), "idcard");
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.8, 21.0);
        }
    }

    /** A measured person waits for the volunteer; the console is logged in; returns the waiting check's id. */
    private long measuredAndLoggedIn() throws Exception {
        measured();
        assertEquals(200, client.login(PIN).statusCode());
        return ConsoleClient.json(client.get("/api/health"))
                .get("waiting")
                .get(0)
                .get("id")
                .asLong();
    }

    @Test
    void theConsoleShowsTheWaitingCheckAndARedAnswerDenies() throws Exception {
        measured();
        assertEquals(0, store.lastSeq(), "the decision waits for the volunteer");
        assertEquals(200, client.login(PIN).statusCode());
        HttpResponse<String> r = client.get("/api/health");
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains(HASH), "the console never sees the credential's hash");
        JsonNode waiting = ConsoleClient.json(r).get("waiting");
        assertEquals(1, waiting.size());
        assertEquals("110105********002X", waiting.get(0).get("masked").asText());
        long id = waiting.get(0).get("id").asLong();

        clock.forward(Duration.ofSeconds(4));
        HttpResponse<String> answer = client.post("/api/health", Map.of("id", id, "colour", "red"));
        assertEquals(200, answer.statusCode(), answer.body());

        JsonNode e = entry(1);
        assertEquals("deny-health", e.get("decision").asText());
        assertEquals("red", e.get("health").get("colour").asText());
        assertEquals("volunteer", e.get("health").get("source").asText());
        assertEquals(
                "2026-11-28T08:00:04.000Z", e.get("health").get("checked_at").asText());
        assertEquals(
                0, ConsoleClient.json(client.get("/api/health")).get("waiting").size(), "answered: gone");
        JsonNode scan =
                ConsoleClient.json(client.get("/api/state")).get("scans").get(0);
        assertEquals("deny-health", scan.get("decision").asText());
        assertEquals("red", scan.get("tone").asText(), "shown red like the other hard denials");
        assertEquals(
                409,
                client.post("/api/health", Map.of("id", id, "colour", "green")).statusCode(),
                "a second answer is refused");
        assertEquals(1, store.lastSeq());
    }

    @Test
    void aGreenAnswerAdmits() throws Exception {
        long id = measuredAndLoggedIn();
        assertEquals(
                200,
                client.post("/api/health", Map.of("id", id, "colour", "green")).statusCode());
        assertEquals("admit", entry(1).get("decision").asText());
    }

    @Test
    void withoutAnAnswerTheWaitEndsInUnknownAndTheCheckLeavesTheConsole() throws Exception {
        long id = measuredAndLoggedIn();
        clock.forward(Duration.ofSeconds(30));
        checkpoint.tick();
        assertEquals("unknown", entry(1).get("health").get("colour").asText());
        assertEquals("admit", entry(1).get("decision").asText(), "health.unknown=admit");
        assertEquals(
                0, ConsoleClient.json(client.get("/api/health")).get("waiting").size());
        assertEquals(
                409,
                client.post("/api/health", Map.of("id", id, "colour", "red")).statusCode());
    }

    @Test
    void answeringNeedsTheSessionAndTheCsrfTokenAndAColour() {
        measured();
        assertEquals(401, client.get("/api/health").statusCode());
        assertEquals(
                401,
                client.post("/api/health", Map.of("id", 1, "colour", "red")).statusCode());
        assertEquals(200, client.login(PIN).statusCode());
        String csrf = client.csrf;
        client.csrf = "0".repeat(64);
        assertEquals(
                403,
                client.post("/api/health", Map.of("id", 1, "colour", "red")).statusCode());
        client.csrf = csrf;
        assertEquals(
                400,
                client.post("/api/health", Map.of("id", 1, "colour", "unknown")).statusCode(),
                "a volunteer answers green, yellow or red");
        assertEquals(400, client.post("/api/health", Map.of("colour", "red")).statusCode());
        assertEquals(
                1, ConsoleClient.json(client.get("/api/health")).get("waiting").size(), "still waiting");
        assertTrue(checkpoint.measuring());
    }
}
