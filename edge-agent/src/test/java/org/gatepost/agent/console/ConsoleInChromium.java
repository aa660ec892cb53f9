package org.gatepost.agent.console;

import java.nio.file.Path;
import org.gatepost.agent.testing.HeadlessChrome;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A console server and the headless Chromium (1280×900) that looks at it, for the browser tests. It owns both:
 * {@link #close()} quits the browser and stops the server.
 */
final class ConsoleInChromium implements AutoCloseable {
    final ConsoleServer server;
    final ChromeDriver driver;
    final ConsolePage page;

    private ConsoleInChromium(ConsoleServer server, ChromeDriver driver) {
        this.server = server;
        this.driver = driver;
        this.page = new ConsolePage(driver, server.port());
    }

    /** Starts Chromium with its profile under {@code dir} on {@code server}; stops the server if that fails. */
    static ConsoleInChromium open(ConsoleServer server, Path dir) throws Exception {
        try {
            return new ConsoleInChromium(server, HeadlessChrome.start(dir, 1280, 900));
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            server.close();
        }
    }
}
