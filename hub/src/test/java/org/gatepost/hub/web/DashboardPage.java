package org.gatepost.hub.web;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard as a browser test sees it: sign in, switch views, find alert rows. */
final class DashboardPage {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final WebDriver driver;
    private final String base;

    DashboardPage(WebDriver driver, int port) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Opens the dashboard, lands on the login form, signs in and waits for the live stream (in any language). */
    DashboardPage signIn(String name, String password) {
        driver.get(base + "/");
        waitUntil(d -> d.getCurrentUrl().endsWith("/login"));
        driver.findElement(By.name("name")).sendKeys(name);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#login-form button")).click();
        waitUntil(d -> d.getCurrentUrl().equals(base + "/"));
        waitUntil(d -> !d.findElement(By.id("live")).getAttribute("class").contains("down"));
        return this;
    }

    void show(String view) {
        driver.findElement(By.cssSelector("nav a[data-view='" + view + "']")).click();
        waitUntil(d -> d.findElement(By.id("view-" + view)).isDisplayed());
    }

    /** The text of an active alert's row, read again if a live update replaced the row meanwhile. */
    String activeAlertText(long id) {
        String[] text = new String[1];
        waitUntil(d -> (text[0] = activeAlertRow(id).getText()) != null);
        return text[0];
    }

    WebElement activeAlertRow(long id) {
        return driver.findElement(By.cssSelector("#active-alerts tr[data-id='" + id + "']"));
    }

    List<WebElement> rows(String tableId) {
        return driver.findElements(By.cssSelector("#" + tableId + " tbody tr"));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void waitUntil(Function<WebDriver, Boolean> condition) {
        waitUntil(WAIT, condition);
    }

    void waitUntil(Duration timeout, Function<WebDriver, Boolean> condition) {
        // Live updates re-render rows, so an element found a moment ago may be gone: look again.
        new WebDriverWait(driver, timeout)
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }
}
