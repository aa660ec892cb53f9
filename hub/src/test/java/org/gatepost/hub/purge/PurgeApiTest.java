package org.gatepost.hub.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.gatepost.hub.Hub;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/purge} on a running hub with its embedded broker and a stand-in gate: operators only, the typed
 * confirmation, the command on the gate's {@code commands} topic and the retained {@code gatepost/v1/hub/purge}, and
 * the gate's report turning it from pending to confirmed.
 */
class PurgeApiTest {
    @TempDir
    Path dir;

    @Test
    void anOperatorPurgesTheGateIsToldAndItsReportConfirmsIt() throws Exception {
        try (Hub hub = Hub.start(TestHubs.config(dir), Clock.systemUTC());
                TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), "north-gate")) {
            int port = hub.httpPort();
            ApiSession admin = ApiSession.admin(port);
            assertEquals(
                    201,
                    admin.post(
                                    "/api/users",
                                    Map.of(
                                            "name",
                                            "street-office",
                                            "role",
                                            "observer",
                                            "password",
                                            "observer-password-1"))
                            .statusCode());
            ApiSession observer = ApiSession.login(port, "street-office", "observer-password-1");
            assertEquals(403, observer.get("/api/purge").statusCode());
            assertEquals(
                    403, observer.post("/api/purge", Map.of("confirm", "PURGE")).statusCode());
            assertTrue(admin.getJson("/api/purge").get("purge").isNull());

            gate.subscribe("gatepost/v1/gates/north-gate/commands");
            gate.publish("gatepost/v1/gates/north-gate/entries", Contract.bytes("entry-admit.json"));
            Await.until("the hub knows the gate", () -> hub.store().counts().gates() == 1);
            var refused = admin.post("/api/purge", Map.of("confirm", "purge"));
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"field\":\"confirm\""), refused.body());
            assertTrue(admin.getJson("/api/purge").get("purge").isNull(), "nothing happened");

            var done = admin.post("/api/purge", Map.of("confirm", "PURGE"));

            assertEquals(201, done.statusCode(), done.body());
            JsonNode purge = ApiSession.parse(done.body()).get("purge");
            String id = purge.get("id").asText();
            assertEquals("pending", purge.get("gates").get(0).get("state").asText());
            assertEquals(1, purge.get("deleted").get("entries").asInt());
            Await.until(
                    "the command on the gate's commands topic",
                    () -> gate.received().stream()
                            .anyMatch(m -> m.topic().endsWith("/commands")
                                    && m.payload().contains("\"id\":\"" + id + "\"")));
            try (TestGateClient late = TestGateClient.connect(hub.brokerUrl(), "south-gate")) {
                late.subscribe("gatepost/v1/hub/purge");
                // Moquette 0.17 delivers a retained message without the retain flag; that it arrives at all shows it.
                Await.until(
                        "the retained purge for a gate that connects later",
                        () -> late.received().stream()
                                .anyMatch(m -> m.payload().contains("\"command\":\"purge\"")
                                        && m.payload().contains(id)));
            }

            gate.publish(
                    "gatepost/v1/gates/north-gate/purged",
                    "{\"v\":1,\"gate\":\"north-gate\"}".getBytes(StandardCharsets.UTF_8),
                    true);
            String report = new String(Contract.bytes("purge-report.json"), StandardCharsets.UTF_8)
                    .replace("purge-20261207T101500Z-3f9a", id);
            gate.publish("gatepost/v1/gates/north-gate/purged", report.getBytes(StandardCharsets.UTF_8), true);

            JsonNode[] last = new JsonNode[1];
            Await.until("the gate confirmed", () -> {
                last[0] = admin.getJson("/api/purge").get("purge");
                return last[0].get("confirmed").asInt() == 1;
            });
            JsonNode row = last[0].get("gates").get(0);
            assertEquals("confirmed", row.get("state").asText());
            assertEquals("2026-12-07T10:15:02.311Z", row.get("gate_purged_at").asText());
            assertEquals(1834, row.get("deleted").get("outbox_entries").asInt());
            assertEquals(0, last[0].get("pending").asInt());
            JsonNode audit =
                    admin.getJson("/api/audit?action=purge").get("events").get(0);
            assertEquals(id, audit.get("target").asText());
            assertEquals("admin", audit.get("actor").asText());
            assertFalse(audit.get("detail").asText().contains("110105"), audit.toString());
        }
    }
}
