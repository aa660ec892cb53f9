package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.gatepost.hub.Hub;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.shift.DutyEntries;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HeadlessChrome;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The checkpoint's rules on the dashboard in headless Chromium, against a whole hub fed by a gate over MQTT:
 * the hand-over summary of the gate's shift, the visitor in the live feed with a masked phone, and a gate
 * that holds an old version of a list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesBrowserTest {
    private static final String GATE = "south-gate";

    private Hub hub;
    private ChromeDriver driver;
    private DashboardPage page;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        hub = Hub.start(TestHubs.config(dir), Clock.systemUTC());
        ApiSession admin = ApiSession.admin(hub.httpPort());
        DutyEntries.importBadges(hub.httpPort(), admin.cookie(), admin.csrfToken());
        Instant now = Instant.now();
        try (TestGateClient client = TestGateClient.connect(hub.brokerUrl(), GATE)) {
            DutyEntries gate = new DutyEntries(client, GATE);
            gate.publish(1, now.minusSeconds(600).toString(), "sign-in", DutyEntries.WANG, "volunteer");
            gate.publish(2, now.minusSeconds(300).toString(), "deny-quarantine", DutyEntries.RESIDENT, "resident");
            ObjectNode visitor =
                    gate.entry(3, now.minusSeconds(60).toString(), "visitor", "320102198001011234", "visitor");
            visitor.put("admitted", true);
            visitor.set("visitor", Contract.json("entry-visitor.json").get("visitor"));
            gate.publish(visitor);
            Await.until(
                    "3 entries stored",
                    () -> hub.store().recentEntries(Optional.of(GATE), 10).size() == 3);
            ObjectNode heartbeat = Contract.json("heartbeat.json");
            heartbeat.put("gate", GATE);
            heartbeat.put("at", now.toString());
            heartbeat
                    .putObject("lists")
                    .put("residents", 1)
                    .put("quarantine", 1)
                    .put("blocked", 1)
                    .put("badges", 1)
                    .put("policy", 1)
                    // Up to date with the passes list, whatever version the hub's start made of it.
                    .put(
                            "passes",
                            hub.lists().versions().stream()
                                    .filter(v -> v.list().equals("passes"))
                                    .findFirst()
                                    .orElseThrow()
                                    .version());
            client.publish(Topics.heartbeat(GATE), heartbeat.toString().getBytes(StandardCharsets.UTF_8));
            Await.until(
                    "the heartbeat stored",
                    () -> hub.store().gateHealth().stream()
                            .anyMatch(h -> h.gate().equals(GATE)));
        }
        driver = HeadlessChrome.start(dir, 1280, 1000);
        page = new DashboardPage(driver, hub.httpPort());
        page.signIn("admin", TestHubs.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        hub.close();
    }

    @Test
    void theShiftsViewShowsTheHandOverSummaryOfTheGate() {
        page.show("shifts");
        page.waitUntil(d -> d.findElements(By.cssSelector("#shift-gate option[value='" + GATE + "']"))
                        .size()
                == 1);
        new Select(driver.findElement(By.id("shift-gate"))).selectByValue(GATE);

        page.waitUntil(d -> d.findElement(By.id("handover-shift")).getText().contains("王芳"));
        String shift = driver.findElement(By.id("handover-shift")).getText();
        assertTrue(shift.contains("110105************") && shift.contains("on duty"), shift);
        String entries = driver.findElement(By.id("handover-entries")).getText();
        assertTrue(
                entries.startsWith("3:") && entries.contains("quarantine 1") && entries.contains("visitor 1"), entries);
        page.waitUntil(d ->
                page.rows("handover-raised").stream().anyMatch(r -> r.getText().contains("quarantine-breach")));
        assertTrue(page.rows("handover-open").stream().anyMatch(r -> r.getText().contains("quarantine-breach")));
        assertTrue(page.rows("shifts").getFirst().getText().contains("王芳"));
        assertFalse(driver.getPageSource().matches("(?s).*[0-9a-f]{64}.*"), "no hash on the page");
    }

    @Test
    void theFeedShowsTheVisitorWithAMaskedPhoneAndWhoWasOnDuty() {
        page.show("overview");
        page.waitUntil(d -> page.rows("feed").stream().anyMatch(r -> r.getText().contains("赵敏")));
        String row = page.rows("feed").stream()
                .filter(r -> r.getText().contains("赵敏"))
                .findFirst()
                .orElseThrow()
                .getText();

        assertTrue(row.contains("138****5678"), row);
        assertFalse(row.contains("13812345678"), row);
        assertTrue(row.contains("on duty: 王芳"), row);
        assertTrue(row.contains("visitor"), row);
    }

    @Test
    void aGateCardSaysWhichListsTheGateHoldsAnOldVersionOf() {
        page.show("overview");
        page.waitUntil(d -> !d.findElements(By.cssSelector("[data-gate='" + GATE + "'] .lists .badge"))
                .isEmpty());
        String lists = driver.findElement(By.cssSelector("[data-gate='" + GATE + "'] .lists .badge"))
                .getText();

        assertTrue(lists.equals("behind: badges 1 < 2"), lists);
    }
}
