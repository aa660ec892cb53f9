package org.gatepost.agent.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.gatepost.agent.checkpoint.VolunteerDesk.ScanView;
import org.gatepost.agent.checkpoint.VolunteerDesk.VisitorForm;
import org.gatepost.agent.config.ConsoleConfig;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.lists.ListSync;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.uplink.UplinkState;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console page in headless Chromium against a real {@link ConsoleServer} and a fake desk. One browser and one
 * server serve the class; each test resets the desk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    private static final String PIN = "5831";
    /** The page polls every 500 ms; a new scan must show within a second (with slack for a loaded machine). */
    private static final Duration LIVE = Duration.ofSeconds(2);

    private final FakeDesk desk = new FakeDesk();
    /** The uplink and the hub's word as the page sees them; {@link Scans#status()}'s offline gate unless a test changes them. */
    private final AtomicReference<UplinkState> uplink = new AtomicReference<>();

    private final AtomicReference<ListSync.HubHeard> heard = new AtomicReference<>();

    @AutoClose // the browser quits and the server stops after the tests
    private ConsoleInChromium console;

    private ChromeDriver driver;
    private ConsolePage page;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        ConsoleStatus base = Scans.status();
        uplink.set(base.uplink());
        ConsoleStatus status = ConsoleStatus.of(
                base.gateId(),
                base::devices,
                uplink::get,
                () -> GateLists.NONE.with("blocked", 2, Set.of()).with("quarantine", 3, List.of()),
                heard::get);
        console = ConsoleInChromium.open(
                ConsoleServer.start(
                        new ConsoleConfig(true, "127.0.0.1", 0, Optional.of(PIN), Duration.ofHours(12)),
                        desk,
                        status,
                        Clock.systemUTC()),
                dir);
        driver = console.driver;
        page = console.page;
    }

    @BeforeEach
    void resetDesk() {
        desk.reset();
        uplink.set(Scans.status().uplink());
        heard.set(null);
    }

    @Test
    void showsTheHubOnlineOnlyWhileTheHubItselfAnswersWithTheBacklogBeside() {
        page.open(PIN);
        page.waitUntil(d -> page.text("hub").contains("Hub offline"));
        assertTrue(page.text("backlog").contains("17"), page.text("backlog"));
        uplink.set(new UplinkState(true, 40, null, 17, 0, 0, 3, 0));
        page.waitUntil(d -> page.text("hub").contains("Hub silent"));
        assertTrue(page.attribute("hub", "class").contains("warn"), "the broker alone is not the hub");
        heard.set(new ListSync.HubHeard(Instant.now(), Duration.ofSeconds(30)));
        page.waitUntil(d -> page.text("hub").contains("Hub online"));
        assertTrue(page.attribute("hub", "class").contains("ok"));
        assertTrue(page.text("backlog").contains("17"), page.text("backlog"));
        heard.set(new ListSync.HubHeard(Instant.now().minusSeconds(91), Duration.ofSeconds(30)));
        page.waitUntil(d -> page.text("hub").contains("Hub silent"));
    }

    @Test
    void signsInWithThePinAfterAWrongOne() {
        page.openSignedOut();
        page.typePin("0000");
        page.waitUntil(d -> page.text("login-error").contains("Wrong PIN"));
        assertTrue(!page.shown("main"));
        page.typePin(PIN);
        page.waitUntil(d -> page.shown("main"));
        page.waitUntil(d -> page.text("gate").equals("north-gate"));
    }

    @Test
    void showsTheLastScanAndANewOneWithoutReload() {
        desk.scans(Scans.admit(39, "张伟"));
        page.open(PIN);
        page.waitUntil(d -> page.text("last-name").equals("张伟"));
        assertEquals("green", page.attribute("last", "data-tone"));
        assertTrue(page.text("last-decision").startsWith("放行"), page.text("last-decision"));
        assertEquals("110105********002X", page.text("last-masked"));
        assertTrue(page.text("last-household").contains("3-2-501"));
        assertEquals("36.4 °C", page.text("last-temp"));

        page.script("window.gatepostMarker = 'same page';");
        desk.add(Scans.fever(42, "王芳"));
        long t0 = System.nanoTime();
        new WebDriverWait(driver, LIVE).until(d -> page.text("last-name").equals("王芳"));
        long shownMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("red", page.attribute("last", "data-tone"));
        assertTrue(page.text("last-decision").startsWith("体温异常"), page.text("last-decision"));
        assertEquals("38.1 °C", page.text("last-temp"));
        assertEquals("same page", page.script("return window.gatepostMarker;"), "updated in place, not reloaded");
        assertEquals(2, driver.findElements(By.cssSelector("#recent li")).size());
        assertTrue(shownMs < LIVE.toMillis(), "shown after " + shownMs + " ms");
    }

    @Test
    void showsAVisitorPassWithItsHostHouseholdUsesAndWindowInBothLanguages() {
        desk.scans(Scans.visitorPass(60));
        page.open(PIN);
        page.waitUntil(d -> page.text("last-decision").startsWith("访客凭证放行"));
        assertEquals("green", page.attribute("last", "data-tone"));
        assertTrue(page.text("last-decision").contains("Visitor pass"), page.text("last-decision"));
        assertTrue(page.text("last-household").contains("3-2-501"), page.text("last-household"));
        String extra = page.text("last-extra");
        assertTrue(extra.contains("访客凭证 3c5e8a1f9b2d4c70") && extra.contains("Visitor pass 3c5e8a1f9b2d4c70"), extra);
        assertTrue(extra.contains("单次") && extra.contains("One use"), extra);
        assertTrue(extra.contains("有效期 ") && extra.contains("Valid "), extra);
        assertEquals("********4c70", page.text("last-masked"));
    }

    @Test
    void registersAVisitorFromAnUnknownScan() {
        desk.scans(Scans.unknown(41));
        page.open(PIN);
        page.waitUntil(d -> page.attribute("last", "data-seq").equals("41"));
        assertEquals("amber", page.attribute("last", "data-tone"));
        page.click("btn-register");
        page.waitUntil(d -> page.shown("visitor-dialog"));
        page.find("#visitor-form input[name=name]").sendKeys("赵敏");
        page.find("#visitor-form input[name=phone]").sendKeys("13812345678");
        page.find("#visitor-form input[name=visiting]").sendKeys("3-2-501");
        page.find("#visitor-reasons button[data-reason='探亲']").click();
        page.find("#visitor-form button[type=submit]").click();
        Await.until("the desk to receive the visitor", () -> desk.visitors.size() == 1, () -> desk.visitors);
        assertEquals(
                new FakeDesk.VisitorCall(41, new VisitorForm("赵敏", "13812345678", "3-2-501", "探亲")),
                desk.visitors.get(0));
        page.waitUntil(d -> !page.shown("visitor-dialog") && page.text("toast").contains("Registered"));
    }

    @Test
    void givesAnOverrideWithAReasonByTheVolunteerOnDuty() {
        desk.scans(Scans.fever(42, "王芳"));
        desk.onDuty(Scans.volunteer());
        page.open(PIN);
        page.waitUntil(d -> page.attribute("last", "data-seq").equals("42")
                && page.text("duty").contains("李志愿"));
        page.click("btn-override");
        page.waitUntil(d -> page.shown("override-dialog"));
        page.find("#override-reasons input[value='official-duty'] + span").click();
        assertTrue(page.find("#override-by").getText().contains("李志愿"));
        page.find("#override-form button[type=submit]").click();
        Await.until("the desk to receive the override", () -> desk.overrides.size() == 1, () -> desk.overrides);
        assertEquals(new FakeDesk.OverrideCall(42, "official-duty", Scans.VOLUNTEER_BADGE), desk.overrides.get(0));
        page.waitUntil(d -> !page.shown("override-dialog"));
    }

    @Test
    void anOverrideTheDeskRefusesKeepsTheFormOpenWithItsMessage() {
        desk.scans(Scans.fever(42, "王芳"));
        desk.onDuty(Scans.volunteer());
        desk.refuseWith("已超过2分钟 Too late");
        page.open(PIN);
        page.waitUntil(d -> page.attribute("last", "data-seq").equals("42"));
        page.click("btn-override");
        page.find("#override-form button[type=submit]").click();
        page.waitUntil(d -> page.find("#override-form .error").getText().equals("已超过2分钟 Too late"));
        assertTrue(page.shown("override-dialog"));
        page.find("#override-form .cancel").click();
    }

    @Test
    void signInArmsTheNextBadge() {
        page.open(PIN);
        page.click("btn-sign-in");
        Await.until("the desk to be armed", () -> desk.dutyArms.size() == 1, () -> desk.dutyArms);
        assertEquals(List.of(true), desk.dutyArms);
        page.waitUntil(d -> page.shown("duty-armed") && page.text("duty-armed").startsWith("请刷工作证签到"));
    }

    @Test
    void aLastScanOlderThanTwoMinutesIsDimmed() {
        Instant now = Instant.now();
        desk.scans(withTime(Scans.admit(60, "张伟"), now.minusSeconds(5)));
        page.open(PIN);
        page.waitUntil(d -> page.attribute("last", "data-seq").equals("60"));
        assertTrue(!page.attribute("last", "class").contains("stale"));
        desk.scans(withTime(Scans.admit(61, "陈静"), now.minusSeconds(180)));
        page.waitUntil(d -> page.attribute("last", "data-seq").equals("61"));
        page.waitUntil(d -> page.attribute("last", "class").contains("stale"));
    }

    private static ScanView withTime(ScanView s, Instant at) {
        return ScanView.builder(s.seq(), at, s.decision())
                .admitted(s.admitted())
                .masked(s.masked())
                .name(s.name())
                .household(s.household())
                .role(s.role())
                .bodyC(s.bodyC())
                .thresholdC(s.thresholdC())
                .mask(s.mask())
                .direction(s.direction())
                .reader(s.reader())
                .quarantined(s.quarantined())
                .note(s.note())
                .build();
    }

    @Test
    void markupInANameShowsAsText() {
        String name = "<img src=x onerror=\"window.gatepostXss=1\">李<b>四</b>";
        desk.scans(ScanView.builder(50, Scans.AT, "visitor")
                .admitted(true)
                .name(name)
                .household("<i>1-1-101</i>")
                .role("visitor")
                .bodyC(36.5)
                .thresholdC(37.3)
                .direction("in")
                .reader("idcard")
                .note("<script>window.gatepostXss=2</script>")
                .build());
        page.open(PIN);
        page.waitUntil(d -> page.text("last-name").equals(name));
        assertTrue(page.text("last-household").contains("<i>1-1-101</i>"));
        assertEquals("<script>window.gatepostXss=2</script>", page.text("last-note"));
        assertTrue(page.find("#recent li[data-seq='50']").getText().contains(name));
        assertEquals(
                0,
                driver.findElements(By.cssSelector("#main img, #main b, #main i, #main script"))
                        .size());
        assertNull(page.script("return window.gatepostXss;"));
    }
}
