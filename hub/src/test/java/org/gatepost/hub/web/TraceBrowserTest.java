package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.gatepost.hub.lists.CredentialHasher;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.testing.HeadlessChrome;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** The Trace view in headless Chromium: a resident traced by name with a reason; no reason, no result. */
class TraceBrowserTest extends OnEachBackend {
    @Test
    void anOperatorTracesAResidentByNameWithAReason(@TempDir Path dir) throws Exception {
        try (WebFixture web = new WebFixture(databases.settings(backend), Duration.ofDays(30))) {
            web.lists.importCsv(
                    ListKind.RESIDENTS,
                    """
                    姓名,身份证号,楼栋,单元,户,网格
                    张伟,11010519491231002X,3,2,3-2-501,第一网格
                    """.getBytes(StandardCharsets.UTF_8),
                    Optional.empty(),
                    false,
                    "admin",
                    "127.0.0.1");
            String hash = new CredentialHasher(WebFixture.COMMUNITY_SECRET).hashV2("11010519491231002X");
            Instant t = WebFixture.START;
            store(web, "north-gate", 1, hash, t.minus(Duration.ofHours(2)));
            store(web, "south-gate", 1, hash, t.minus(Duration.ofMinutes(30)));
            store(web, "south-gate", 2, null, t.minus(Duration.ofMinutes(20)));
            ChromeDriver driver = HeadlessChrome.start(dir.resolve("browser"), 1280, 1400);
            try {
                DashboardPage page = new DashboardPage(driver, web.port()).signIn("admin", TestHubs.ADMIN_PASSWORD);
                page.show("trace");
                WebElement form = driver.findElement(By.id("trace-form"));
                new Select(form.findElement(By.name("kind"))).selectByValue("name");
                form.findElement(By.name("name")).sendKeys("张伟");
                page.script(
                        "arguments[0].value = arguments[1]; arguments[2].value = arguments[3];",
                        form.findElement(By.name("from")),
                        local(t.minus(Duration.ofHours(3))),
                        form.findElement(By.name("to")),
                        local(t));
                form.findElement(By.name("reason")).sendKeys("too short");
                form.findElement(By.cssSelector("button[type=submit]")).click();
                assertEquals(
                        false,
                        page.script("return arguments[0].checkValidity()", form),
                        "the browser refuses a reason under 10 characters");
                assertEquals(0, page.rows("trace-results").size());

                form.findElement(By.name("reason")).sendKeys(": close contact, health commission request");
                form.findElement(By.cssSelector("button[type=submit]")).click();
                page.waitUntil(d -> page.rows("trace-results").size() == 2);
                assertEquals(
                        "2 entries, oldest first",
                        driver.findElement(By.id("trace-message")).getText());
                String residents = driver.findElement(By.id("trace-residents")).getText();
                assertEquals("Residents: 张伟 110105************ 3-2-501", residents);
                assertTrue(page.rows("trace-results").get(0).getText().contains("north-gate"));
                assertFalse(driver.getPageSource().contains("11010519491231002X"));
                assertEquals(
                        1,
                        web.admin()
                                .getJson("/api/audit?action=trace-person")
                                .get("events")
                                .size());
            } finally {
                driver.quit();
            }
        }
    }

    /** A datetime-local value in the browser's (this machine's) time zone. */
    private static String local(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneId.systemDefault())
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
    }

    private static void store(WebFixture web, String gate, long seq, String hash, Instant receivedAt) throws Exception {
        SampleEntries.store(web.store, SampleEntries.admit(gate, seq, hash, "110105************"), receivedAt);
    }
}
