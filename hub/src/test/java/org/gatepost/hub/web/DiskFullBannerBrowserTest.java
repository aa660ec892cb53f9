package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gatepost.hub.store.DiskFull;
import org.gatepost.hub.testing.FaultInjectingStore;
import org.gatepost.hub.testing.HeadlessChrome;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The dashboard shows a banner while the hub reports its disk full ({@code /api/health}), and drops it after. */
class DiskFullBannerBrowserTest {
    /** The page checks health every 5 s. */
    private static final Duration WAIT = Duration.ofSeconds(12);

    @TempDir
    Path dir;

    private WebFixture web;
    private FaultInjectingStore view;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(dir, Optional.of(TestHubs.ADMIN_PASSWORD), null, real -> {
            view = new FaultInjectingStore(real);
            return view;
        });
        driver = HeadlessChrome.start(dir, 1280, 900);
    }

    @AfterEach
    void stop() {
        driver.quit();
        web.close();
    }

    @Test
    void showsTheFullDiskWhileTheHubReportsItAndHidesItOnceWritesResume() throws Exception {
        DashboardPage page = new DashboardPage(driver, web.port()).signIn("admin", TestHubs.ADMIN_PASSWORD);
        assertFalse(driver.findElement(By.id("hub-disk-full")).isDisplayed());

        view.reportFull =
                new DiskFull(Instant.parse("2026-11-28T09:00:00Z"), 7, "[SQLITE_FULL] database or disk is full");

        page.waitUntil(WAIT, d -> d.findElement(By.id("hub-disk-full")).isDisplayed());
        String text = driver.findElement(By.id("hub-disk-full-text")).getText();
        assertTrue(text.contains("disk is full") && text.contains("7 writes refused"), text);

        view.reportFull = null;

        page.waitUntil(WAIT, d -> !d.findElement(By.id("hub-disk-full")).isDisplayed());
    }
}
