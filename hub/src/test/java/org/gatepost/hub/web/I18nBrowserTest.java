package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.gatepost.hub.Hub;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.HeadlessChrome;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The hub's pages in Simplified Chinese and English (headless Chromium): the language follows the browser's
 * Accept-Language, the page's switch overrides it and is remembered, dates follow the language and are shown in
 * the hub's zone (the one {@code /api/reports} names; the hub's clock runs in Asia/Shanghai, the browser in the
 * machine's zone), and no text shows as a raw key. Also: the entries view shows the newest entries at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class I18nBrowserTest {
    private static final String GATE = "east-gate";
    /** Received on an earlier day, so the page shows its date and time. */
    private static final Instant EARLIER = Instant.parse("2026-11-20T08:30:05Z");

    private Hub hub;
    private Path dir;
    /** The hub's zone as its API reports it, which the page formats times in. */
    private ZoneId hubZone;

    private ChromeDriver driver;

    @BeforeAll
    void startHub(@TempDir Path dir) throws Exception {
        this.dir = dir;
        hub = Hub.start(TestHubs.config(dir.resolve("hub")), Clock.system(ZoneId.of("Asia/Shanghai")));
        SampleEntries.store(hub.store(), SampleEntries.entry(GATE, 1, "admit", "110105********0011", 36.4), EARLIER);
        SampleEntries.store(
                hub.store(),
                SampleEntries.entry(GATE, 2, "deny-fever", "110105********0012", 38.2),
                EARLIER.plusSeconds(60));
        SampleEntries.store(
                hub.store(), SampleEntries.entry(GATE, 3, "admit", "110105********0013", 36.6), Instant.now());
        hubZone = ZoneId.of(ApiSession.admin(hub.httpPort())
                .getJson("/api/reports")
                .get("zone")
                .textValue());
    }

    /** The fever entry's receive time as the page writes it in a language's pattern, in the hub's zone. */
    private String feverReceived(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withZone(hubZone).format(EARLIER.plusSeconds(60));
    }

    @AfterAll
    void stopHub() throws Exception {
        hub.close();
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private DashboardPage browser(String name, String acceptLanguages) throws Exception {
        driver = HeadlessChrome.start(dir.resolve(name), 1280, 900, acceptLanguages);
        return new DashboardPage(driver, hub.httpPort());
    }

    /** A new browser asking for {@code acceptLanguages} on the login page, once the page is in {@code lang}. */
    private DashboardPage onLoginPage(String name, String acceptLanguages, String lang) throws Exception {
        DashboardPage page = browser(name, acceptLanguages);
        driver.get("http://127.0.0.1:" + hub.httpPort() + "/login");
        translated(page, lang);
        return page;
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** The page's texts are in: the html element names the language and is no longer hidden. */
    private static void translated(DashboardPage page, String lang) {
        page.waitUntil(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang"))
                && !d.findElement(By.tagName("html")).getAttribute("class").contains("i18n-pending"));
    }

    /** No element shows a missing key (⟦key⟧) or its own key, and no {placeholder} is left unfilled. */
    private void noRawKeys(DashboardPage page) {
        String body = text("body");
        assertFalse(body.contains("⟦"), body);
        assertFalse(body.matches("(?s).*\\{[a-z_]+}.*"), body);
        @SuppressWarnings("unchecked")
        List<String> raw = (List<String>) page.script("return [...document.querySelectorAll('[data-i18n]')]"
                + ".filter(n => n.textContent === n.dataset.i18n || n.textContent.includes('⟦'))"
                + ".map(n => n.dataset.i18n);");
        assertEquals(List.of(), raw);
    }

    private String feedRowOf(DashboardPage page, long seq) {
        String[] row = new String[1];
        page.waitUntil(d -> page.rows("feed").stream().anyMatch(r -> {
            boolean match = r.findElements(By.tagName("td")).size() > 2
                    && r.findElements(By.tagName("td")).get(2).getText().equals(Long.toString(seq));
            if (match) {
                row[0] = r.getText();
            }
            return match;
        }));
        return row[0];
    }

    @Test
    void aChineseBrowserGetsTheChineseLoginPageAndDashboard() throws Exception {
        DashboardPage page = onLoginPage("zh", "zh-CN,zh;q=0.9", "zh-CN");
        assertEquals("Gatepost 卡口管理平台", text(".login h1"));
        assertEquals("登录", text("#login-form button"));
        assertTrue(text("#login-form").contains("用户名") && text("#login-form").contains("密码"), text("#login-form"));
        assertEquals("登录 · Gatepost 卡口管理平台", driver.getTitle());
        noRawKeys(page);

        page.signIn("admin", TestHubs.ADMIN_PASSWORD);
        translated(page, "zh-CN");
        assertEquals("实时", text("#live"));
        assertEquals("总览", text("nav a[data-view='overview']"));
        assertEquals("通行记录", text("nav a[data-view='entries']"));
        assertEquals("退出登录", text("#logout"));
        assertTrue(text("#feed thead").contains("体温 °C"), text("#feed thead"));
        String fever = feedRowOf(page, 2);
        assertTrue(
                fever.contains("体温异常")
                        && fever.contains(feverReceived("yyyy/MM/dd HH:mm:ss"))
                        && fever.contains("38.20"),
                fever);
        page.waitUntil(d ->
                page.rows("active-alerts").stream().anyMatch(r -> r.getText().contains("发热")));
        page.waitUntil(d -> text("[data-gate='" + GATE + "']").contains("最近通行"));
        assertEquals("admin · 操作员", text("#who"));
        noRawKeys(page);
    }

    @Test
    void anEnglishBrowserGetsEnglish() throws Exception {
        DashboardPage page = onLoginPage("en", "en-US,en;q=0.9,zh-CN;q=0.5", "en");
        assertEquals("Sign in", text("#login-form button"));

        page.signIn("admin", TestHubs.ADMIN_PASSWORD);
        translated(page, "en");
        assertEquals("Overview", text("nav a[data-view='overview']"));
        String fever = feedRowOf(page, 2);
        assertTrue(fever.contains("fever") && fever.contains(feverReceived("MM/dd/yyyy, HH:mm:ss")), fever);
        noRawKeys(page);
    }

    @Test
    void theSwitchTurnsAnEnglishPageChineseAndTheChoiceIsRemembered() throws Exception {
        DashboardPage page = browser("switch", "en-US,en");
        page.signIn("admin", TestHubs.ADMIN_PASSWORD);
        translated(page, "en");
        assertEquals("Overview", text("nav a[data-view='overview']"));

        new Select(driver.findElement(By.id("lang-switch"))).selectByValue("zh-CN");
        translated(page, "zh-CN");
        page.waitUntil(d -> "总览".equals(text("nav a[data-view='overview']")));
        page.waitUntil(d -> "实时".equals(text("#live")));
        noRawKeys(page);

        driver.navigate().refresh();
        translated(page, "zh-CN");
        page.waitUntil(d -> "总览".equals(text("nav a[data-view='overview']")));
        assertEquals(
                "zh-CN",
                new Select(driver.findElement(By.id("lang-switch")))
                        .getFirstSelectedOption()
                        .getAttribute("value"));

        driver.findElement(By.id("logout")).click();
        page.waitUntil(d -> d.getCurrentUrl().contains("/login"));
        translated(page, "zh-CN");
        assertEquals("登录", text("#login-form button"));

        new Select(driver.findElement(By.id("lang-switch"))).selectByValue("en");
        translated(page, "en");
        page.waitUntil(d -> "Sign in".equals(text("#login-form button")));
    }

    @Test
    void theEntriesViewShowsTheNewestEntriesWithoutASearch() throws Exception {
        DashboardPage page = browser("entries", "zh-CN");
        page.signIn("admin", TestHubs.ADMIN_PASSWORD);
        page.show("entries");

        page.waitUntil(d -> page.rows("results").size() == 3);
        List<String> seqs = page.rows("results").stream()
                .map(r -> r.findElements(By.tagName("td")).get(2).getText())
                .toList();
        assertEquals(List.of("3", "2", "1"), seqs, "newest first");
        assertEquals("共 3 条，最新的在前", text("#entry-message"));
        noRawKeys(page);
    }
}
