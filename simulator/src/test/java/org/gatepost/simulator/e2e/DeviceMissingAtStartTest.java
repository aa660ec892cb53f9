package org.gatepost.simulator.e2e;

import static org.gatepost.simulator.e2e.GateFixture.awaitApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gatepost.agent.Agent;
import org.gatepost.agent.testing.MosquittoBroker;
import org.gatepost.hub.Hub;
import org.gatepost.simulator.gate.SimulatedGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate whose thermometer is not plugged in when the agent starts: its heartbeats reach the hub (none is
 * dead-lettered), the hub shows the thermometer disconnected on its configured port and raises a device fault.
 */
class DeviceMissingAtStartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aThermometerAbsentAtStartIsADeviceFaultAtTheHubWithItsConfiguredPort() throws Exception {
        String absent = dir.resolve("dev").resolve("ttyUSB-not-plugged-in").toString();
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                Hub hub = GateFixture.hub(dir.resolve("hub"), mosquitto.url(), 0);
                SimulatedGate gate = SimulatedGate.start("east", dir.resolve("dev"), true)) {
            Properties p = GateFixture.agentProperties(dir.resolve("agent"), "east-gate", gate, mosquitto.url());
            p.setProperty("thermometer.port", absent);
            try (Agent agent = GateFixture.agent(dir.resolve("agent"), p)) {
                JsonNode alerts =
                        awaitApi(hub, "/api/alerts", WAIT, a -> a.get("alerts").size() > 0);
                JsonNode fault = alerts.get("alerts").get(0);
                assertEquals("device-fault", fault.get("kind").textValue());
                assertEquals("east-gate", fault.get("gate").textValue());
                assertTrue(
                        fault.get("message")
                                .textValue()
                                .contains(
                                        "thermometer thermometer at gate east-gate is" + " disconnected (open-failed)"),
                        fault.get("message").textValue());

                JsonNode gates = awaitApi(
                        hub,
                        "/api/gates",
                        WAIT,
                        g -> g.get("gates").size() > 0
                                && g.get("gates").get(0).get("devices").isArray());
                JsonNode thermometer = gates.get("gates").get(0).get("devices").get(0);
                assertEquals(absent, thermometer.get("port").textValue());
                assertEquals("disconnected", thermometer.get("state").textValue());
                assertEquals(
                        "connected",
                        gates.get("gates")
                                .get(0)
                                .get("devices")
                                .get(1)
                                .get("state")
                                .textValue());
                assertEquals(
                        0,
                        GateFixture.get(hub, "/api/dead-letters")
                                .get("dead_letters")
                                .size());
            }
        }
    }
}
