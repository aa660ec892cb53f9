package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import org.gatepost.hub.Hub;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HeadlessChrome;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The End of emergency view in headless Chromium: nothing without PURGE typed exactly, then each gate's state. */
class PurgeBrowserTest {
    @Test
    void anOperatorPurgesOnlyWithTheWordTypedAndSeesTheGatePending(@TempDir Path dir) throws Exception {
        try (Hub hub = Hub.start(TestHubs.config(dir), Clock.systemUTC());
                TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), "north-gate")) {
            gate.publish("gatepost/v1/gates/north-gate/entries", Contract.bytes("entry-admit.json"));
            Await.until("the hub knows the gate", () -> hub.store().counts().gates() == 1);
            ChromeDriver driver = HeadlessChrome.start(dir.resolve("browser"), 1280, 1200);
            try {
                DashboardPage page = new DashboardPage(driver, hub.httpPort()).signIn("admin", TestHubs.ADMIN_PASSWORD);
                page.show("purge");
                page.waitUntil(
                        d -> d.findElement(By.id("purge-summary")).getText().equals("No purge has been run."));
                WebElement form = driver.findElement(By.id("purge-form"));
                form.findElement(By.name("confirm")).sendKeys("purge");
                form.findElement(By.cssSelector("button[type=submit]")).click();
                WebElement message = driver.findElement(By.id("purge-message"));
                page.waitUntil(d -> message.isDisplayed());
                assertEquals("Type PURGE exactly (capital letters) to confirm.", message.getText());
                assertTrue(hub.store().counts().entries() == 1);
                assertEquals(
                        "No purge has been run.",
                        driver.findElement(By.id("purge-summary")).getText());

                form.findElement(By.name("confirm")).clear();
                form.findElement(By.name("confirm")).sendKeys("PURGE");
                form.findElement(By.cssSelector("button[type=submit]")).click();
                page.waitUntil(d -> page.rows("purge-gates").size() == 1);
                assertTrue(
                        message.getText()
                                .matches("Purge purge-\\d{8}T\\d{6}Z-[0-9a-f]{4} done at the hub; the gates"
                                        + " are told now\\."),
                        message.getText());
                String row = page.rows("purge-gates").getFirst().getText();
                assertTrue(row.startsWith("north-gate pending"), row);
                assertTrue(
                        driver.findElement(By.id("purge-summary")).getText().contains("0 gates confirmed, 1 pending."),
                        driver.findElement(By.id("purge-summary")).getText());
            } finally {
                driver.quit();
            }
        }
    }
}
