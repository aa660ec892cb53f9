package org.gatepost.simulator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Gatepost program (agent, hub, or a benchmark's child) in its own JVM. Its output comes back through a pipe,
 * so the program's own disk writes ({@code /proc/PID/io}) do not include its log, which a reader thread here
 * copies to a file and scans for marker strings: the arrival time of the first line containing each marker is
 * kept ({@link System#nanoTime()}), which is how start-to-ready and "uplink connected" are timed, and the
 * lines containing each are counted.
 *
 * <p>Thread safe for {@link #markedAt} and {@link #awaitMarker}; start and stop from one thread.
 */
final class JavaProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final long startedNanos;
    private final List<String> markers;
    private final Map<String, Long> marked = new ConcurrentHashMap<>();
    private final Map<String, String> firstLines = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Thread pump;

    private JavaProcess(String name, Process process, long startedNanos, List<String> markers, Path log) {
        this.name = name;
        this.process = process;
        this.startedNanos = startedNanos;
        this.markers = List.copyOf(markers);
        this.pump = Thread.ofPlatform().daemon().name(name + "-output").start(() -> copyOutput(log));
    }

    /**
     * Starts {@code java <jvmFlags> <launch...> <args...>}, where {@code launch} is {@code -jar <jar>} or
     * {@code -cp <class path> <main class>}.
     *
     * @param markers substrings of output lines whose first arrival is timed
     */
    static JavaProcess start(
            String name, List<String> jvmFlags, List<String> launch, List<String> args, List<String> markers, Path log)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmFlags);
        cmd.addAll(launch);
        cmd.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly)); // never outlive the benchmark
        return new JavaProcess(name, p, started, markers, log);
    }

    long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was launched. */
    long startedNanos() {
        return startedNanos;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Blocks until the process exits or {@code timeout} passes; whether it exited. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Arrival time of the first line containing {@code marker}, or null while none has come. */
    /** The first output line that carried {@code marker}, null while none did. */
    String markedLine(String marker) {
        return firstLines.get(marker);
    }

    Long markedAt(String marker) {
        return marked.get(marker);
    }

    /** Lines containing {@code marker} so far. */
    long count(String marker) {
        AtomicLong c = counts.get(marker);
        return c == null ? 0 : c.get();
    }

    /** Waits for the first line containing {@code marker}; returns its arrival time. */
    long awaitMarker(String marker, Duration timeout) throws TimeoutException, InterruptedException {
        if (!markers.contains(marker)) {
            throw new IllegalArgumentException("not a marker of " + name + ": " + marker);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Long at;
        while ((at = marked.get(marker)) == null) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " before logging " + marker);
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(name + " did not log " + marker + " within " + timeout);
            }
            Thread.sleep(1);
        }
        return at;
    }

    /** SIGTERM (shutdown hooks run); waits up to 20 s, then SIGKILL. An interrupt kills it at once. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            pump.join(2_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void copyOutput(Path log) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                for (String m : markers) {
                    if (line.contains(m)) {
                        firstLines.putIfAbsent(m, line); // before the mark: a waiter on the mark finds its line
                        marked.putIfAbsent(m, now);
                        counts.computeIfAbsent(m, k -> new AtomicLong()).incrementAndGet();
                    }
                }
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            // the process ended or the log cannot be written: nothing more to time
        }
    }
}
