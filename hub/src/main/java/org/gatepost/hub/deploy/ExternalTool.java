package org.gatepost.hub.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line program this setup runs ({@code mosquitto_passwd}, {@code openssl}): found once at a Debian
 * path or on {@code PATH}, run to completion with a timeout. {@link #run} blocks; instances are immutable and
 * thread safe. Failures name the package to install, and never echo the arguments (they may hold a password).
 */
public final class ExternalTool {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path binary;

    private ExternalTool(Path binary) {
        this.binary = binary;
    }

    /** The program at {@code debianPath}, else the first {@code name} on {@code PATH}. */
    public static ExternalTool find(String name, Path debianPath, String debianPackage) throws SetupException {
        if (Files.isExecutable(debianPath)) {
            return new ExternalTool(debianPath);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return new ExternalTool(candidate);
                }
            }
        }
        throw new SetupException(name + " is not installed (looked for " + debianPath + " and on PATH);"
                + " install it with: apt-get install " + debianPackage);
    }

    public Path binary() {
        return binary;
    }

    /**
     * Runs the program with {@code args} in {@code workDir} and returns its output (stdout and stderr). A
     * non-zero exit or a timeout throws, with {@code what} (a description safe to show) and the output.
     */
    public String run(Path workDir, List<String> args, String what) throws SetupException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        Path output = null;
        Process p = null;
        try {
            output = Files.createTempFile("gatepost-setup-", ".out");
            p = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SetupException(what + ": " + binary + " did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new SetupException(
                        what + ": " + binary + " exited with " + p.exitValue() + (text.isEmpty() ? "" : ": " + text));
            }
            return text;
        } catch (IOException e) {
            throw new SetupException(what + ": running " + binary + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException(what + ": interrupted", e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static File nullDevice() {
        return new File("/dev/null");
    }
}
