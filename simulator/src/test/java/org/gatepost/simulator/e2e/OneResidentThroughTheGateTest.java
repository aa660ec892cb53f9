package org.gatepost.simulator.e2e;

import static org.gatepost.simulator.e2e.GateFixture.await;
import static org.gatepost.simulator.e2e.GateFixture.awaitApi;
import static org.gatepost.simulator.e2e.GateFixture.awaitEntries;
import static org.gatepost.simulator.e2e.GateFixture.getText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gatepost.agent.Agent;
import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.agent.testing.FreePorts;
import org.gatepost.agent.testing.HeadlessChrome;
import org.gatepost.agent.testing.MosquittoBroker;
import org.gatepost.hub.Hub;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.idcard.SyntheticResidents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A resident at a gate, end to end with every part real: emulated devices on socat pseudo-terminals read
 * through jSerialComm, Pi4J mock GPIO, the agent's SQLite outbox on disk, a real MQTT broker, the hub's
 * SQLite store and its HTTP API.
 */
class OneResidentThroughTheGateTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void admitAndFeverReachTheHubThroughTheEmbeddedBroker() throws Exception {
        try (Hub hub = GateFixture.hub(dir.resolve("hub"), null, FreePorts.pick())) {
            runAdmitThenFever(hub, hub.brokerUrl());
        }
    }

    @Test
    void admitAndFeverReachTheHubThroughMosquitto() throws Exception {
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                Hub hub = GateFixture.hub(dir.resolve("hub"), mosquitto.url(), 0)) {
            runAdmitThenFever(hub, mosquitto.url());
        }
    }

    private void runAdmitThenFever(Hub hub, String mqttUrl) throws Exception {
        SyntheticResidents residents = new SyntheticResidents(new SplittableRandom(7));
        IdCardText.Fields well = residents.next();
        IdCardText.Fields feverish = residents.next();
        try (SimulatedGate gate = SimulatedGate.start("north", dir.resolve("dev"), true);
                Agent agent = GateFixture.agent(dir.resolve("agent"), "north-gate", gate, mqttUrl)) {
            AtomicBoolean relaySeen = new AtomicBoolean();
            agent.onEntry(
                    e -> relaySeen.compareAndSet(false, agent.signals().relay().isOn()));

            gate.present(well, 35.6);
            JsonNode entries = awaitEntries(hub, "north-gate", WAIT, 1);
            gate.leave();
            JsonNode admitted = entries.get("entries").get(0);
            assertEquals("admit", admitted.get("decision").asText());
            assertEquals(1, admitted.get("seq").asLong());
            assertEquals(36.5, admitted.get("temperature").get("body_c").asDouble(), 0.001);
            assertEquals(
                    mask(well.idNumber()),
                    admitted.get("credential").get("masked").asText());
            assertTrue(relaySeen.get(), "the gate relay was pulsed for the admitted resident");

            long polls = gate.idcard().commandsReceived();
            await("the reader to poll the empty slot", WAIT, () -> gate.idcard().commandsReceived() >= polls + 2);
            gate.present(feverish, 37.4);
            JsonNode alerts =
                    awaitApi(hub, "/api/alerts", WAIT, r -> r.get("alerts").size() == 1);
            gate.leave();
            JsonNode alert = alerts.get("alerts").get(0);
            assertEquals("fever", alert.get("kind").asText());
            assertEquals("north-gate", alert.get("gate").asText());
            JsonNode all = awaitEntries(hub, "north-gate", WAIT, 2);
            assertEquals("deny-fever", all.get("entries").get(0).get("decision").asText());
            assertEquals(
                    alert.get("entry_id").asText(),
                    all.get("entries").get(0).get("id").asText());

            await(
                    "the hub's ack to cover both entries",
                    WAIT,
                    () -> agent.store().ackedUpTo() == 2);
            JsonNode gates = GateFixture.get(hub, "/api/gates");
            assertEquals("online", gates.get("gates").get(0).get("state").asText());
            assertEquals(2, gates.get("gates").get(0).get("acked_up_to").asLong());

            // The live page itself (entries and alerts pushed to a signed-in browser) is tested in the hub's
            // DashboardBrowserTest; here: a browser without a session gets the login form and no data.
            String page;
            ChromeDriver browser = HeadlessChrome.start(dir.resolve("chromium"), 1280, 900);
            try {
                browser.get(hub.dashboardUrl());
                await(
                        "the dashboard's login form",
                        WAIT,
                        () -> !browser.findElements(By.id("login-form")).isEmpty());
                page = browser.getPageSource();
            } finally {
                browser.quit();
            }
            assertTrue(page.contains("id=\"login-form\""), "the dashboard asks to sign in first");
            assertFalse(page.contains(mask(well.idNumber())), "no entry is shown before signing in");
            assertFalse(page.contains(mask(feverish.idNumber())), "no alert is shown before signing in");

            String everything =
                    getText(hub, "/api/entries?limit=1000") + getText(hub, "/api/alerts") + getText(hub, "/api/gates");
            for (IdCardText.Fields f : new IdCardText.Fields[] {well, feverish}) {
                assertFalse(everything.contains(f.idNumber()), "full ID number in the hub's API");
                assertFalse(everything.contains(f.name()), "name in the hub's API");
            }
        }
        assertNoIdNumberIn(dir.resolve("hub").resolve("hub.db"), well.idNumber(), feverish.idNumber());
        assertNoIdNumberIn(dir.resolve("agent").resolve("north-gate.db"), well.idNumber(), feverish.idNumber());
    }

    static void assertNoIdNumberIn(Path db, String... idNumbers) throws Exception {
        assertTrue(Files.size(db) > 0, db + " exists");
        for (Path file : new Path[] {db, Path.of(db + "-wal")}) {
            if (!Files.exists(file)) {
                continue;
            }
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String id : idNumbers) {
                assertFalse(bytes.contains(id), "full ID number stored in " + file.getFileName());
            }
        }
    }

    static String mask(String id) {
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }
}
