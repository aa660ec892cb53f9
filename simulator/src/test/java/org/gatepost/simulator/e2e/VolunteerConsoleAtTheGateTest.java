package org.gatepost.simulator.e2e;

import static org.gatepost.simulator.e2e.GateFixture.await;
import static org.gatepost.simulator.e2e.GateFixture.awaitApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.gatepost.agent.Agent;
import org.gatepost.agent.console.ConsolePage;
import org.gatepost.agent.testing.HeadlessChrome;
import org.gatepost.hub.Hub;
import org.gatepost.hub.store.ListVersion;
import org.gatepost.simulator.crowd.Community;
import org.gatepost.simulator.gate.SimulatedGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A shift at a real gate, driven through the volunteer console in headless Chromium: the agent with emulated
 * thermometer, ID card reader and RFID reader on socat ptys, the hub's lists (a community with a quarantined
 * household and a volunteer badge), the console served by the agent. The volunteer signs in with the badge, a
 * resident passes and shows on the console, an unknown person is registered as a visitor, a quarantined resident
 * is refused and let through with an override; every one of these reaches the hub as its entry, with its alerts.
 */
class VolunteerConsoleAtTheGateTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final double NORMAL_SKIN_C = 35.8;

    @TempDir
    Path dir;

    @Test
    void aVolunteerSignsInRegistersAVisitorAndOverridesAQuarantineDenialFromTheConsole() throws Exception {
        Community community = Community.generate(7, 12);
        Community.Member resident = member(community, true, false);
        Community.Member stranger = community.members().stream()
                .filter(m -> !m.registered())
                .findFirst()
                .orElseThrow();
        Community.Member quarantined = member(community, true, true);

        try (Hub hub = GateFixture.hubWithLists(dir.resolve("hub"), community);
                SimulatedGate gate = SimulatedGate.start("north", dir.resolve("dev"), true, true)) {
            Map<String, Long> published = new HashMap<>();
            for (ListVersion v : hub.lists().versions()) {
                published.put(v.list(), v.version());
            }

            Properties p = GateFixture.agentProperties(dir, "north-gate", gate, hub.brokerUrl());
            p.putAll(gate.readerProperties());
            try (Agent agent = GateFixture.agent(dir, p);
                    Browser browser = new Browser(HeadlessChrome.start(dir, 1280, 900))) {
                await(
                        "the gate to hold the hub's lists",
                        WAIT,
                        () -> agent.lists().current().versions().equals(published));
                ConsolePage page =
                        new ConsolePage(browser.driver, agent.consolePort().orElseThrow());
                page.open("0000"); // loopback: the console asks for no real PIN

                // Sign-in: armed on the console, then the volunteer's badge on the RFID reader.
                page.click("btn-sign-in");
                page.waitUntil(d -> page.shown("duty-armed"));
                gate.presentTag(community.volunteerTag(), NORMAL_SKIN_C);
                page.waitUntil(d -> page.text("duty").contains(community.volunteerName()));
                leave(gate);

                // A resident: the last scan shows their name and household in green.
                gate.present(resident.card(), NORMAL_SKIN_C);
                page.waitUntil(
                        d -> page.text("last-name").equals(resident.card().name()));
                assertEquals("green", page.attribute("last", "data-tone"));
                assertTrue(page.text("last-household").contains(resident.household()), page.text("last-household"));
                leave(gate);

                // An unknown card: amber, registered as a visitor on the console.
                gate.present(stranger.card(), NORMAL_SKIN_C);
                page.waitUntil(d -> "unknown".equals(lastDecision(page)));
                assertEquals("amber", page.attribute("last", "data-tone"));
                leave(gate);
                page.click("btn-register");
                page.waitUntil(d -> page.shown("visitor-dialog"));
                page.find("#visitor-form input[name=name]").sendKeys("赵敏");
                page.find("#visitor-form input[name=phone]").sendKeys("13812345678");
                page.find("#visitor-form input[name=visiting]").sendKeys(resident.household());
                page.find("#visitor-reasons button[data-reason='探亲']").click();
                page.find("#visitor-form button[type=submit]").click();
                page.waitUntil(d -> "visitor".equals(lastDecision(page)));

                // A quarantined resident going out: refused in red, then let through with an override.
                gate.present(quarantined.card(), NORMAL_SKIN_C);
                page.waitUntil(d -> "deny-quarantine".equals(lastDecision(page)));
                assertEquals("red", page.attribute("last", "data-tone"));
                gate.leave();
                page.click("btn-override");
                page.waitUntil(d -> page.shown("override-dialog"));
                page.find("#override-reasons input[value='medical-emergency'] + span")
                        .click();
                page.find("#override-form button[type=submit]").click();
                page.waitUntil(d -> "override".equals(lastDecision(page)));

                JsonNode entries = awaitApi(
                        hub,
                        "/api/entries?gate=north-gate&limit=50",
                        WAIT,
                        r -> r.get("entries").size() == 6);
                assertEquals(
                        List.of("override", "deny-quarantine", "visitor", "unknown", "admit", "sign-in"),
                        decisions(entries));
                JsonNode override = entries.get("entries").get(0);
                assertTrue(override.toString().contains("medical-emergency"), override.toString());
                assertTrue(
                        override.toString().contains(community.volunteerName()),
                        "the hub names who overrode: " + override);
                JsonNode visitor = entries.get("entries").get(2);
                assertTrue(visitor.toString().contains("赵敏"), visitor.toString());
                assertFalse(visitor.toString().contains("13812345678"), "the feed masks the visitor's phone");

                JsonNode alerts = awaitApi(
                        hub,
                        "/api/alerts",
                        WAIT,
                        r -> kinds(r).containsAll(Set.of("quarantine-breach", "override", "unknown-credential")));
                assertTrue(kinds(alerts).contains("quarantine-breach"));
            }
        }
        String[] ids =
                community.members().stream().map(m -> m.card().idNumber()).toArray(String[]::new);
        OneResidentThroughTheGateTest.assertNoIdNumberIn(dir.resolve("hub").resolve("hub.db"), ids);
        OneResidentThroughTheGateTest.assertNoIdNumberIn(dir.resolve("north-gate.db"), ids);
    }

    /** The person walks on; the card reader has polled its empty slot, so the next card is a new read. */
    private static void leave(SimulatedGate gate) {
        gate.leave();
        long polls = gate.idcard().commandsReceived();
        await("the reader to poll the empty slot", WAIT, () -> gate.idcard().commandsReceived() >= polls + 2);
    }

    /** The first member who is (not) registered and whose household is (not) the quarantined one. */
    private static Community.Member member(Community c, boolean registered, boolean inQuarantine) {
        return c.members().stream()
                .filter(m -> m.registered() == registered)
                .filter(m -> m.household().equals(c.quarantinedHousehold()) == inQuarantine)
                .filter(m -> !m.household().equals(c.blockedHousehold()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the community lacks such a member"));
    }

    private static String lastDecision(ConsolePage page) {
        Object d = page.script(
                "var e = document.getElementById('last'); return e ? e.getAttribute('data-decision') : null;");
        return d == null ? "" : d.toString();
    }

    private static List<String> decisions(JsonNode entries) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : entries.get("entries")) {
            out.add(e.get("decision").asText());
        }
        return out;
    }

    private static Set<String> kinds(JsonNode alerts) {
        Set<String> out = new HashSet<>();
        for (JsonNode a : alerts.get("alerts")) {
            out.add(a.get("kind").asText());
        }
        return out;
    }

    private record Browser(ChromeDriver driver) implements AutoCloseable {
        @Override
        public void close() {
            driver.quit();
        }
    }
}
