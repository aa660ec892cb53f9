package org.gatepost.simulator.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless, as a test's browser: renders a page, runs its scripts, returns the DOM. */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    static Path binary() {
        for (String name : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (Files.isExecutable(Path.of(name))) return Path.of(name);
        }
        throw new AssertionError("chromium is not installed: apt-get install chromium (./gatepost test does it as root)");
    }

    /** The DOM of {@code url} after its scripts ran for {@code budgetMillis} of virtual time. */
    static String dumpDom(String url, Path profileDir, int budgetMillis) throws IOException, InterruptedException {
        return run(profileDir, List.of("--virtual-time-budget=" + budgetMillis, "--dump-dom", url));
    }

    /** Writes a PNG screenshot of {@code url} at the given window size. */
    static void screenshot(String url, Path profileDir, Path png, int width, int height, int budgetMillis)
            throws IOException, InterruptedException {
        run(profileDir, List.of("--virtual-time-budget=" + budgetMillis, "--window-size=" + width + "," + height,
                "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(), url));
    }

    private static String run(Path profileDir, List<String> extra) throws IOException, InterruptedException {
        Files.createDirectories(profileDir);
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profileDir.toAbsolutePath()));
        cmd.addAll(extra);
        Path out = profileDir.resolve("stdout.html");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(profileDir.resolve("stderr.txt").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited " + p.exitValue() + ": "
                    + Files.readString(profileDir.resolve("stderr.txt"), StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
