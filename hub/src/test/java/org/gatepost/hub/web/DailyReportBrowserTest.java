package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.testing.HeadlessChrome;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The reports view's daily report links: they follow the form's days, and the browser, signed in, downloads the
 * file they name.
 */
class DailyReportBrowserTest {
    private static final Instant NOW = Instant.parse("2026-12-08T04:00:00Z");

    @TempDir
    Path dir;

    private WebFixture web;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(dir, Optional.of(TestHubs.ADMIN_PASSWORD), Clock.fixed(NOW, ZoneId.of("Asia/Shanghai")));
        // entry-admit.json with another decision: the gate opened (soft enforcement) and knew no direction.
        EntryMessage e = SampleEntries.entry("north-gate", 1, "deny-fever", "110105********002X", 38.1);
        SampleEntries.store(web.store, e, Instant.parse("2026-12-07T02:00:00Z"));
        driver = HeadlessChrome.start(dir, 1280, 900);
    }

    @AfterEach
    void stop() {
        driver.quit();
        web.close();
    }

    @Test
    void theLinksCarryTheFormsDaysAndDownloadTheReport() {
        DashboardPage page = new DashboardPage(driver, web.port()).signIn("admin", TestHubs.ADMIN_PASSWORD);
        page.show("reports");

        page.script("const f = document.getElementById('report-form');"
                + "f.elements.from.value = '2026-12-06'; f.elements.to.value = '2026-12-07';"
                + "f.dispatchEvent(new Event('change'));");

        String xlsx = driver.findElement(By.id("report-daily-xlsx")).getDomAttribute("href");
        String csv = driver.findElement(By.id("report-daily-csv")).getDomAttribute("href");
        assertEquals("/api/reports/daily.xlsx?from=2026-12-06&to=2026-12-07", xlsx);
        assertEquals("/api/reports/daily.csv?from=2026-12-06&to=2026-12-07", csv);
        @SuppressWarnings("unchecked")
        Map<String, Object> got = (Map<String, Object>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(async r => done({status: r.status,"
                        + " disposition: r.headers.get('Content-Disposition'), text: await r.text()}));",
                csv);
        assertEquals(200L, got.get("status"));
        assertEquals("attachment; filename=\"gatepost-daily-20261206-20261207.csv\"", got.get("disposition"));
        List<String> lines = List.of(((String) got.get("text")).split("\r\n"));
        assertEquals(
                List.of(
                        "2026-12-06,north-gate,0,0,0,0,0,0,0,0,0,0",
                        "2026-12-06,合计 Total,0,0,0,0,0,0,0,0,0,0",
                        "2026-12-07,north-gate,0,0,1,1,1,0,0,0,0,0",
                        "2026-12-07,合计 Total,0,0,1,1,1,0,0,0,0,0"),
                lines.subList(1, lines.size()));
        assertTrue(lines.get(0).startsWith("日期 Day,卡口 Gate,"), lines.get(0));
    }
}
