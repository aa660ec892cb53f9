package org.gatepost.hub.metrics;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code promtool} (package {@code prometheus}, installed by {@code .ci/run}): the tests check the scraped
 * text and the example alert rules with it. Where it is missing a test is skipped, except under CI ({@code CI=true})
 * where that is a failure.
 */
final class Promtool {
    static final Path BINARY = Path.of("/usr/bin/promtool");

    record Result(int exit, String output) {
    }

    private Promtool() {
    }

    static void assumeInstalled() {
        if (!Files.isExecutable(BINARY) && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(BINARY + " is missing under CI: .ci/run installs the prometheus package");
        }
        Assumptions.assumeTrue(Files.isExecutable(BINARY), BINARY + " not installed (apt install prometheus)");
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
