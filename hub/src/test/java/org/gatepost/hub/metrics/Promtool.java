package org.gatepost.hub.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code promtool} (package {@code prometheus}, which {@code ./gatepost test} and {@code .ci/run} install):
 * the tests check the scraped text and the example alert rules with it. Like every tool the tests need, a missing
 * one fails the test, saying what to install (docs/development.md).
 */
final class Promtool {
    static final Path BINARY = Path.of("/usr/bin/promtool");

    record Result(int exit, String output) {}

    private Promtool() {}

    static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: sudo apt-get install prometheus (Debian's package "
                    + "carries promtool; ./gatepost test installs it when run as root)");
        }
    }

    /** Runs {@code promtool args...} with {@code stdin}, up to 60 s. */
    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish: " + command);
        }
        return new Result(p.exitValue(), out);
    }
}
