package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.gatepost.hub.Hub;
import org.gatepost.hub.testing.HeadlessChrome;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The Lists view in headless Chromium: a GBK import with its error table, the residents, the policy editor. */
class ListsBrowserTest extends OnEachBackend {
    @Test
    void anOperatorImportsAGbkFileSeesTheBadRowAndSavesThePolicy(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("居民.csv");
        Files.write(csv, """
                姓名,身份证号,楼栋,单元,户,网格
                张伟,11010519491231002X,3,2,3-2-501,第一网格
                李秀英,440524188001010015,3,2,3-2-502,第一网格
                <b>王芳</b>,440524188001010014,3,2,3-2-503,第二网格
                """.getBytes(Charset.forName("GBK")));
        Files.createDirectories(dir.resolve("hub"));
        try (Hub hub = Hub.start(TestHubs.config(dir.resolve("hub"), databases.hubKeys(backend)), Clock.systemUTC())) {
            ChromeDriver driver = HeadlessChrome.start(dir.resolve("browser"), 1280, 1400);
            try {
                DashboardPage page = new DashboardPage(driver, hub.httpPort()).signIn("admin", TestHubs.ADMIN_PASSWORD);
                page.show("lists");
                WebElement form = driver.findElement(By.id("list-import"));
                form.findElement(By.name("file")).sendKeys(csv.toString());
                form.findElement(By.name("dry_run")).click();
                form.findElement(By.cssSelector("button")).click();

                page.waitUntil(d -> page.rows("import-errors").size() == 1
                        && page.rows("residents").size() == 2);
                String error = page.rows("import-errors").getFirst().getText();
                assertTrue(error.startsWith("3 id_number check character"), error);
                String message = driver.findElement(By.id("import-message")).getText();
                assertTrue(message.startsWith("Imported as version 2: 2 of 3 rows valid"), message);
                assertEquals(
                        "<b>王芳</b> 440524************ 3 2 3-2-503 第二网格",
                        page.rows("residents").get(1).getText(),
                        "names are shown as text, never as HTML");

                WebElement threshold = driver.findElement(By.name("threshold_c"));
                threshold.clear();
                threshold.sendKeys("37.5");
                driver.findElement(By.cssSelector("#policy-form button")).click();
                page.waitUntil(
                        d -> d.findElement(By.id("policy-message")).getText().startsWith("Policy saved as version 2"));
            } finally {
                driver.quit();
            }
        }
    }
}
