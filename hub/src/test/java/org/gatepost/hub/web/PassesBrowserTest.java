package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.gatepost.hub.Hub;
import org.gatepost.hub.testing.HeadlessChrome;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Visitor passes view in headless Chromium: an operator issues a pass, sees its QR code (the image loads),
 * finds it in the table with the masked phone, and revokes it.
 */
class PassesBrowserTest {
    @Test
    void anOperatorIssuesAPassSeesItsCodeAndRevokesIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("hub"));
        try (Hub hub = Hub.start(TestHubs.config(dir.resolve("hub")), Clock.systemUTC())) {
            ChromeDriver driver = HeadlessChrome.start(dir.resolve("browser"), 1280, 1400);
            try {
                DashboardPage page = new DashboardPage(driver, hub.httpPort()).signIn("admin", TestHubs.ADMIN_PASSWORD);
                page.show("passes");
                WebElement form = driver.findElement(By.id("pass-form"));
                form.findElement(By.name("name")).sendKeys("<b>赵</b>");
                form.findElement(By.name("phone")).sendKeys("13812345678");
                form.findElement(By.name("household")).sendKeys("3-2-501");
                LocalDateTime now = LocalDateTime.now(hub.zone()).truncatedTo(ChronoUnit.MINUTES);
                page.script(
                        "arguments[0].value = arguments[1]",
                        form.findElement(By.name("valid_from")),
                        now.minusMinutes(5).toString());
                page.script(
                        "arguments[0].value = arguments[1]",
                        form.findElement(By.name("valid_to")),
                        now.plusHours(4).toString());
                form.findElement(By.cssSelector("button")).click();

                page.waitUntil(
                        d -> page.rows("passes").size() == 1
                                && Boolean.TRUE.equals(
                                        page.script(
                                                "const i = document.getElementById('pass-code-img'); return i.complete && i.naturalWidth > 0")));
                String message = driver.findElement(By.id("pass-message")).getText();
                assertTrue(message.startsWith("Pass issued"), message);
                String row = page.rows("passes").getFirst().getText();
                assertTrue(row.contains("<b>赵</b> 138****5678 3-2-501"), "the name as text, the phone masked: " + row);
                assertTrue(row.contains("one use"), row);
                assertTrue(row.contains("valid"), row);
                long width = (Long) page.script("return document.getElementById('pass-code-img').naturalWidth");
                assertEquals(0, width % 8, "8 pixels per module: " + width);

                page.rows("passes")
                        .getFirst()
                        .findElement(By.cssSelector("button.revoke"))
                        .click();
                page.waitUntil(d -> page.rows("passes").getFirst().getText().contains("revoked"));
            } finally {
                driver.quit();
            }
        }
    }
}
