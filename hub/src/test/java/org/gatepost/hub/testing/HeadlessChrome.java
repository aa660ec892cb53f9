package org.gatepost.hub.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through Debian's chromedriver (no Selenium Manager, no download), headless, with a
 * fresh profile and download folder under the test's temporary directory. Fails, naming the packages, when
 * either program is missing.
 */
public final class HeadlessChrome {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChrome() {}

    /** A browser with a {@code width}×{@code height} window; downloads go to {@code dir/downloads}. */
    public static ChromeDriver start(Path dir, int width, int height) throws Exception {
        return start(dir, width, height, "en-US,en");
    }

    /**
     * As {@link #start(Path, int, int)}, the browser asking for {@code acceptLanguages} (its Accept-Language
     * header and {@code navigator.languages}, e.g. {@code "zh-CN,zh"}).
     */
    public static ChromeDriver start(Path dir, int width, int height, String acceptLanguages) throws Exception {
        for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(p)) {
                throw new AssertionError(p + " is missing: apt-get install chromium chromium-driver");
            }
        }
        Path profile = Files.createDirectories(dir.resolve("chrome-profile"));
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + width + "," + height,
                "--autoplay-policy=no-user-gesture-required",
                "--hide-scrollbars",
                "--lang=" + acceptLanguages.split(",")[0],
                "--accept-lang=" + acceptLanguages);
        o.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false,
                        "intl.accept_languages",
                        acceptLanguages));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, o);
    }

    public static Path downloads(Path dir) {
        return dir.resolve("downloads");
    }
}
