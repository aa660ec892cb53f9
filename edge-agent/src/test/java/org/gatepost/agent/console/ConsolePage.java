package org.gatepost.agent.console;

import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console as a browser test sees it: open, sign in with the PIN, read the last scan, press buttons. */
public final class ConsolePage {
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final WebDriver driver;
    private final String base;

    public ConsolePage(WebDriver driver, int port) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Opens the page with no session: the PIN form. */
    public ConsolePage openSignedOut() {
        driver.manage().deleteAllCookies();
        driver.get(base + "/");
        waitUntil(d -> shown("login"));
        return this;
    }

    /** Opens the page signed in (typing the PIN when asked) and waits for the first state. */
    public ConsolePage open(String pin) {
        driver.get(base + "/");
        waitUntil(d -> shown("login") || shown("main"));
        if (shown("login")) {
            typePin(pin);
        }
        waitUntil(d -> shown("main") && !text("gate").isEmpty());
        return this;
    }

    public void typePin(String pin) {
        WebElement input = driver.findElement(By.id("pin"));
        input.clear();
        input.sendKeys(pin);
        driver.findElement(By.cssSelector("#login-form button")).click();
    }

    public boolean shown(String id) {
        try {
            return driver.findElement(By.id(id)).isDisplayed();
        } catch (StaleElementReferenceException e) {
            return false;
        }
    }

    public String text(String id) {
        try {
            return driver.findElement(By.id(id)).getText();
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    public String attribute(String id, String name) {
        return driver.findElement(By.id(id)).getDomAttribute(name);
    }

    public void click(String id) {
        waitUntil(d -> shown(id));
        driver.findElement(By.id(id)).click();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }
}
