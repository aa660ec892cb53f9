package org.gatepost.simulator.e2e;

import static org.gatepost.simulator.e2e.GateFixture.await;
import static org.gatepost.simulator.e2e.GateFixture.awaitApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.gatepost.agent.Agent;
import org.gatepost.agent.entry.Entry;
import org.gatepost.hub.Hub;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.simulator.crowd.Community;
import org.gatepost.simulator.gate.SimulatedGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of the emergency, end to end (docs/security.md, "End of the emergency (PIPL art. 47)"): a real hub with its
 * embedded broker, two real agents with simulated devices. The north gate is offline when the operator purges; the
 * south gate purges and confirms at once, the north gate when it returns. Afterwards the hub's and both gates'
 * database files hold no byte of a resident's name, masked number or hash, and the hub still counts the entries.
 */
class PurgeAtTheEndOfTheEmergencyTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void everyGatePurgesAlsoOneThatWasOfflineAndTheHubShowsEachConfirmation() throws Exception {
        Community community = Community.generate(7, 12);
        Community.Member resident = GateFixture.residentFreeToEnter(community);
        String hash = GateFixture.credentialHash(resident);
        try (SimulatedGate south = SimulatedGate.start("south", dir.resolve("dev-south"), true);
                SimulatedGate north = SimulatedGate.start("north", dir.resolve("dev-north"), true);
                Hub hub = GateFixture.hubWithLists(dir.resolve("hub"), community)) {
            JsonNode listed = GateFixture.get(
                            hub,
                            "/api/lists/residents?q="
                                    + URLEncoder.encode(resident.card().name(), StandardCharsets.UTF_8))
                    .get("residents")
                    .get(0);
            List<String> personal = List.of(
                    resident.card().name(),
                    listed.get("masked").asText(),
                    hash,
                    resident.card().idNumber());
            System.out.println("searching the files for " + personal);

            Agent southAgent = GateFixture.agent(dir.resolve("agent"), "south-gate", south, hub.brokerUrl());
            Agent northAgent = GateFixture.agent(dir.resolve("agent"), "north-gate", north, hub.brokerUrl());
            try {
                for (Agent a : List.of(southAgent, northAgent)) {
                    await(
                            "the gate to hold the residents",
                            WAIT,
                            () -> a.lists().current().residents().size() > 1);
                    pass(a, a == southAgent ? south : north, resident);
                }
                await("both entries at the hub", WAIT, () -> entriesAtHub(hub) == 2);
            } finally {
                northAgent.close(); // offline during the purge
            }
            assertTrue(
                    filesContain(
                            dir.resolve("agent").resolve("north-gate.db"),
                            resident.card().name()),
                    "the search finds the name in a gate's file before the purge, so it can fail after it");

            JsonNode started = purge(hub);
            assertEquals(List.of("north-gate", "south-gate"), gates(started, null));
            assertEquals(2, started.get("purge").get("pending").asInt());
            assertEquals(2, started.get("purge").get("deleted").get("entries").asInt(), started.toString());

            JsonNode one =
                    awaitApi(hub, "/api/purge", WAIT, r -> gates(r, "confirmed").equals(List.of("south-gate")));
            assertEquals(List.of("north-gate"), gates(one, "pending"), "the offline gate is pending");
            JsonNode southRow = row(one, "south-gate");
            assertEquals(1, southRow.get("deleted").get("outbox_entries").asInt(), southRow.toString());
            assertEquals(4, southRow.get("deleted").get("lists").asInt(), southRow.toString());
            await(
                    "the south gate's lists emptied",
                    WAIT,
                    () -> southAgent.lists().current().residents().isEmpty());

            long returned = System.nanoTime();
            try (Agent back = GateFixture.agent(dir.resolve("agent"), "north-gate", north, hub.brokerUrl())) {
                JsonNode both = awaitApi(
                        hub,
                        "/api/purge",
                        WAIT,
                        r -> gates(r, "confirmed").equals(List.of("north-gate", "south-gate")));
                System.out.printf(
                        "the returning gate confirmed the purge %d ms after it started%n",
                        (System.nanoTime() - returned) / 1_000_000);
                assertEquals(0, both.get("purge").get("pending").asInt());
                assertEquals(
                        1,
                        row(both, "north-gate")
                                .get("deleted")
                                .get("outbox_entries")
                                .asInt());
                await(
                        "the north gate's lists emptied",
                        WAIT,
                        () -> back.lists().current().residents().isEmpty());
            } finally {
                southAgent.close();
            }
            assertEquals(2, entriesAtHub(hub), "the anonymous entries stay");
            assertEquals(2, hub.store().counts().entries());

            List<String> left = new ArrayList<>();
            try (Stream<Path> files = Stream.concat(Files.list(dir.resolve("hub")), Files.list(dir.resolve("agent")))) {
                for (Path f : files.filter(p -> p.getFileName().toString().contains(".db"))
                        .toList()) {
                    for (String s : personal) {
                        if (filesContain(f, s)) {
                            left.add(f.getFileName() + ": " + s);
                        }
                    }
                }
            }
            assertEquals(List.of(), left, "personal data left in the database files");
        }
    }

    private static void pass(Agent agent, SimulatedGate gate, Community.Member m) {
        List<Entry> seen = new CopyOnWriteArrayList<>();
        agent.onEntry(seen::add);
        gate.present(m.card(), 35.8);
        await("the gate's decision", WAIT, () -> !seen.isEmpty());
        gate.leave();
    }

    private static long entriesAtHub(Hub hub) {
        try {
            return hub.store().counts().entries();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean filesContain(Path file, String s) throws Exception {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return bytes.contains(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    /** The gates of the purge in {@code state} (null: all), sorted. */
    private static List<String> gates(JsonNode status, String state) {
        List<String> out = new ArrayList<>();
        for (JsonNode g : status.get("purge").get("gates")) {
            if (state == null || state.equals(g.get("state").asText())) {
                out.add(g.get("gate").asText());
            }
        }
        out.sort(null);
        return out;
    }

    private static JsonNode row(JsonNode status, String gate) {
        for (JsonNode g : status.get("purge").get("gates")) {
            if (gate.equals(g.get("gate").asText())) {
                return g;
            }
        }
        throw new AssertionError("no row for " + gate + " in " + status);
    }

    /** POST /api/purge as the operator, with the typed confirmation and the session's CSRF token. */
    private static JsonNode purge(Hub hub) {
        ApiSession admin = ApiSession.login(hub.httpPort(), "admin", GateFixture.ADMIN_PASSWORD);
        HttpResponse<String> refused = admin.post("/api/purge", Map.of("confirm", "purge"));
        assertEquals(400, refused.statusCode(), "only PURGE typed exactly confirms: " + refused.body());
        assertFalse(refused.body().isEmpty());
        HttpResponse<String> r = admin.post("/api/purge", Map.of("confirm", "PURGE"));
        assertEquals(201, r.statusCode(), r.body());
        return ApiSession.parse(r.body());
    }
}
