package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gatepost.hub.Hub;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HeadlessChrome;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in headless Chromium against a whole hub (embedded broker, ingest, store, web), with entries
 * published by a Paho client as a gate would. One hub serves the class; each test has its own gate ids and
 * its own browser profile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    /** How quickly a published fever must show on an open page. */
    private static final Duration LIVE = Duration.ofSeconds(2);

    private Hub hub;
    private TestGateClient gateClient;
    private ApiSession admin;
    private ChromeDriver driver;
    private DashboardPage page;
    private Path browserDir;

    @BeforeAll
    void startHub(@TempDir Path dir) throws Exception {
        hub = Hub.start(TestHubs.config(dir), Clock.systemUTC());
        gateClient = TestGateClient.connect(hub.brokerUrl(), "browser-test-gate");
        admin = ApiSession.admin(hub.httpPort());
    }

    @AfterAll
    void stopHub() throws Exception {
        gateClient.close();
        hub.close();
    }

    @BeforeEach
    void startBrowser(@TempDir Path dir) throws Exception {
        browserDir = dir;
        driver = HeadlessChrome.start(dir, 1280, 900);
        page = new DashboardPage(driver, hub.httpPort());
    }

    @AfterEach
    void stopBrowser() {
        driver.quit();
    }

    /**
     * Publishes the contract's fever entry as the first entry (seq 1: no gap for the hub to report) of
     * {@code gate}, a gate no other test uses; returns the entry id.
     */
    private String publishFever(String gate) throws Exception {
        long seq = 1;
        ObjectNode n = Contract.json("entry-deny-fever.json");
        n.put("gate", gate);
        n.put("seq", seq);
        String id = gate + "-" + n.get("epoch").textValue() + "-" + seq;
        n.put("id", id);
        gateClient.publish(Topics.entries(gate), n.toString().getBytes(StandardCharsets.UTF_8));
        return id;
    }

    private long alertIdForEntry(String entryId) {
        for (JsonNode a : admin.getJson("/api/alerts?limit=1000").get("alerts")) {
            if (entryId.equals(a.get("entry_id").textValue())) {
                return a.get("id").longValue();
            }
        }
        throw new AssertionError("no alert for " + entryId);
    }

    private String title() {
        return driver.getTitle();
    }

    @Test
    void aPublishedFeverAppearsLiveWithinTwoSecondsAndIsAcknowledgedWithANote() throws Exception {
        page.signIn("admin", TestHubs.ADMIN_PASSWORD);
        page.script("window.notReloaded = true;");

        String entryId = publishFever("live-gate");

        page.waitUntil(
                LIVE,
                d -> page.rows("active-alerts").stream()
                        .anyMatch(r -> r.getText().contains("live-gate")));
        long id = alertIdForEntry(entryId);
        assertTrue(
                page.activeAlertText(id)
                        .contains("fever: 38.05 °C ≥ 37.30 °C at gate live-gate (credential " + "440524********0014)"),
                page.activeAlertText(id));
        assertEquals(true, page.script("return window.notReloaded === true;"), "no reload happened");
        page.waitUntil(
                LIVE,
                d -> d.findElement(By.cssSelector("#feed tbody tr")).getText().contains("live-gate"));
        assertTrue(title().matches("\\(\\d+\\) Gatepost hub"), title());
        assertTrue(
                Integer.parseInt((String) page.script("return document.body.dataset.beeps || '0';")) >= 1,
                "a beep was sounded");
        assertTrue(driver.findElement(By.id("attention")).isDisplayed());

        page.waitUntil(d -> {
            WebElement mine = page.activeAlertRow(id);
            WebElement note = mine.findElement(By.cssSelector("textarea.note"));
            note.clear();
            note.sendKeys("called the resident back, clinic informed");
            mine.findElement(By.cssSelector("button.ack")).click();
            return true;
        });

        page.waitUntil(d -> "acknowledged".equals(page.activeAlertRow(id).getAttribute("data-state")));
        assertTrue(page.activeAlertText(id).contains("called the resident back, clinic informed"));
        JsonNode stored =
                admin.getJson("/api/alerts?gate=live-gate").get("alerts").get(0);
        assertEquals("admin", stored.get("acknowledged_by").textValue());
        assertEquals(
                "called the resident back, clinic informed",
                stored.get("actions").get(0).get("note").textValue());
    }

    @Test
    void exportsTheAlertListAsCsvFromThePage() throws Exception {
        String entryId = publishFever("export-gate");
        long id = awaitAlert(entryId);
        admin.post("/api/alerts/" + id + "/acknowledge", Map.of("note", "体温复测正常, ok"));
        page.signIn("admin", TestHubs.ADMIN_PASSWORD);
        page.show("alerts");
        new Select(driver.findElement(By.cssSelector("#alert-filter select[name=gate]"))).selectByValue("export-gate");
        page.waitUntil(d -> page.rows("alerts").size() == 1);

        driver.findElement(By.id("alerts-export")).click();

        Path downloads = HeadlessChrome.downloads(browserDir);
        page.waitUntil(d -> csvFiles(downloads).size() == 1);
        String csv = Files.readString(csvFiles(downloads).get(0), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length, csv);
        assertTrue(lines[0].startsWith("\uFEFFid,raised_at,kind,"), lines[0]);
        assertTrue(lines[1].startsWith(id + ","), lines[1]);
        assertTrue(lines[1].contains(",export-gate," + entryId + ","), lines[1]);
        assertTrue(lines[1].endsWith(",admin,\"体温复测正常, ok\",,,"), lines[1]);
    }

    private static List<Path> csvFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private long awaitAlert(String entryId) throws Exception {
        long deadline = System.nanoTime() + DashboardPage.WAIT.toNanos();
        while (true) {
            try {
                return alertIdForEntry(entryId);
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void anObserverSeesAlertsWithoutControlsAndTheApiRefusesItsAcknowledgement() throws Exception {
        String entryId = publishFever("observer-gate");
        long id = awaitAlert(entryId);
        admin.post("/api/users", Map.of("name", "street-office", "role", "observer", "password", "street-office-pw"));

        page.signIn("street-office", "street-office-pw");

        page.waitUntil(d -> !d.findElements(By.cssSelector("#active-alerts tr[data-id='" + id + "']"))
                .isEmpty());
        assertTrue(
                driver.findElements(By.cssSelector("#active-alerts button, #active-alerts textarea"))
                        .isEmpty(),
                "no acknowledge or resolve button, no note field");
        assertTrue(driver.findElement(By.cssSelector("#view-overview .readonly-note"))
                .isDisplayed());
        assertFalse(
                driver.findElement(By.cssSelector("nav a[data-view='audit']")).isDisplayed());
        assertEquals(
                403,
                ApiSession.login(hub.httpPort(), "street-office", "street-office-pw")
                        .post("/api/alerts/" + id + "/acknowledge", Map.of("note", "should not work"))
                        .statusCode());
        Object status = page.script("""
                const id = arguments[0];
                return (async () => {
                  const s = await (await fetch('/api/session')).json();
                  const r = await fetch('/api/alerts/' + id + '/acknowledge', {method: 'POST',
                    headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token}, body: '{}'});
                  return r.status;
                })();""", id);
        assertEquals(403L, status, "the observer's own page cannot acknowledge either");
        assertTrue(admin.getJson("/api/alerts?gate=observer-gate")
                .get("alerts")
                .get(0)
                .get("acknowledged_at")
                .isNull());
    }

    @Test
    void markupInANoteOrAnAlertMessageIsShownAsTextAndNeverRuns() throws Exception {
        SampleEntries.storeWithAlert(
                hub.store(),
                SampleEntries.entry("xss-gate", 1, "deny-fever", "440524********0014", 38.2),
                Instant.now(),
                "<img src=x onerror=\"window.pwned=1\"> fever");
        long id = awaitAlert("xss-gate-" + SampleEntries.EPOCH + "-1");
        String note = "<script>window.pwned=2</script><b>bold?</b>";
        admin.post("/api/alerts/" + id + "/acknowledge", Map.of("note", note));

        page.signIn("admin", TestHubs.ADMIN_PASSWORD);
        page.waitUntil(d -> !d.findElements(By.cssSelector("#active-alerts tr[data-id='" + id + "']"))
                .isEmpty());

        assertTrue(
                page.activeAlertText(id).contains("<img src=x onerror=\"window.pwned=1\"> fever"),
                page.activeAlertText(id));
        assertTrue(page.activeAlertText(id).contains(note), page.activeAlertText(id));
        assertTrue(
                driver.findElements(By.cssSelector("#active-alerts img, #active-alerts script, #active-alerts b"))
                        .isEmpty(),
                "no element was made from the text");
        assertEquals(null, page.script("return window.pwned;"));
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
    }
}
