package org.gatepost.simulator.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The simulator's command line ({@code org.gatepost.simulator.Main}) in its own JVM from the test's class path,
 * as {@code ./gatepost demo} runs it, with standard output and standard error in two files.
 */
final class SimulatorProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private SimulatorProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static SimulatorProcess start(Path logDir, String... args) throws IOException {
        Files.createDirectories(logDir);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "org.gatepost.simulator.Main"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(logDir, "stdout-", ".txt");
        Path err = Files.createTempFile(logDir, "stderr-", ".txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new SimulatorProcess(p, out, err);
    }

    /** Waits for the process to end on its own; fails after {@code timeout}. */
    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the simulator did not exit within " + timeout);
        }
        return process.exitValue();
    }

    /** Waits until standard output or error holds a line matching {@code condition}; fails if the process ends first. */
    void awaitLine(Predicate<String> condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Stream.concat(stdout(), stderr()).anyMatch(condition)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the simulator exited (" + process.exitValue() + ") before " + what
                        + "\nstdout:\n" + String.join("\n", stdout().toList())
                        + "\nstderr:\n" + String.join("\n", stderr().toList()));
            }
            Thread.sleep(50); // polling a file another process writes: there is no event to await
        }
        throw new AssertionError("no " + what + " within " + timeout);
    }

    /** SIGTERM, as Ctrl-C or systemd stops it (shutdown hooks run), and waits for the exit. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return waitForExit(timeout);
    }

    Stream<String> stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8).lines();
    }

    Stream<String> stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8).lines();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
