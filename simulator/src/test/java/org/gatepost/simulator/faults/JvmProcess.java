package org.gatepost.simulator.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Gatepost program (agent or hub) in its own JVM, started from the test's class path, with its output in a
 * log file. {@link #kill9()} is SIGKILL: no shutdown hook runs, exactly like a power cut of that process.
 */
final class JvmProcess implements AutoCloseable {
    private static final Pattern DECISION = Pattern.compile("event=decision seq=(\\d+) ");
    private final String mainClass;
    private final List<String> args;
    private final Path log;
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;

    JvmProcess(String mainClass, List<String> args, Path log) {
        this.mainClass = mainClass;
        this.args = List.copyOf(args);
        this.log = log;
    }

    /** Adds a JVM option (such as a {@code -D} logger level) for the next {@link #start}. */
    JvmProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    JvmProcess start(String... extraArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        cmd.addAll(List.of(extraArgs));
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return this;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL and wait for the process to be gone. */
    void kill9() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        process = null;
    }

    /** SIGTERM (shutdown hooks run) and wait. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    /** Sequence numbers of every decision this agent logged as signalled, over all its runs (same log). */
    List<Long> signalledSeqs() throws IOException {
        List<Long> seqs = new ArrayList<>();
        for (String line : logText().split("\n")) {
            Matcher m = DECISION.matcher(line);
            if (m.find()) {
                seqs.add(Long.parseLong(m.group(1)));
            }
        }
        return seqs;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill9();
        }
    }
}
