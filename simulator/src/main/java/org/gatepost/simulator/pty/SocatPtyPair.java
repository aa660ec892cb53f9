package org.gatepost.simulator.pty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.agent.device.serial.SerialLinks;

/**
 * A pair of connected pseudo-terminals made by socat: the agent opens {@link #agentEnd()} as if it were a
 * USB-serial adapter, an emulator opens {@link #deviceEnd()}. Both are stable symlinks, so
 * {@link #restart()} (kill socat, start it again) looks to both sides like a cable pulled and plugged back.
 *
 * <p>Needs the {@code socat} binary ({@code apt-get install socat}). Not thread safe.
 */
public final class SocatPtyPair implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private final Path agentEnd;
    private final Path deviceEnd;
    private Process process;

    private SocatPtyPair(Path agentEnd, Path deviceEnd) {
        this.agentEnd = agentEnd;
        this.deviceEnd = deviceEnd;
    }

    /** Whether a socat binary is on the PATH. */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts socat with links {@code dir/name-agent} and {@code dir/name-device}; returns once both exist. */
    public static SocatPtyPair start(Path dir, String name) throws IOException {
        if (!available()) {
            throw new IOException("socat is not installed: apt-get install socat (or use tcp:// ports)");
        }
        Files.createDirectories(dir);
        SocatPtyPair pair = new SocatPtyPair(dir.resolve(name + "-agent"), dir.resolve(name + "-device"));
        pair.launch();
        return pair;
    }

    public Path agentEnd() {
        return agentEnd;
    }

    public Path deviceEnd() {
        return deviceEnd;
    }

    /** Links to {@link #agentEnd()} at {@code baud}, opened as the agent opens its ports ({@link SerialLinks#factory}). */
    public SerialLinkFactory agentLinks(int baud) {
        return SerialLinks.factory(agentEnd.toString(), baud);
    }

    /** Links to {@link #deviceEnd()} at {@code baud}, opened as the agent opens its ports ({@link SerialLinks#factory}). */
    public SerialLinkFactory deviceLinks(int baud) {
        return SerialLinks.factory(deviceEnd.toString(), baud);
    }

    /** Kills socat (both ends see the device vanish) and starts it again on the same link paths. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    /** Kills socat without restarting: an unplugged cable. {@link #restart()} plugs it back. */
    public void unplug() {
        stop();
    }

    private void launch() throws IOException {
        Files.deleteIfExists(agentEnd);
        Files.deleteIfExists(deviceEnd);
        process = new ProcessBuilder(
                        List.of("socat", "pty,raw,echo=0,link=" + agentEnd, "pty,raw,echo=0,link=" + deviceEnd))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!(Files.exists(agentEnd) && Files.exists(deviceEnd))) {
            if (!process.isAlive()) {
                throw new IOException("socat exited with " + process.exitValue() + " before creating " + agentEnd);
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException("socat did not create " + agentEnd + " within " + READY_TIMEOUT);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting socat", e);
            }
        }
    }

    private void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(agentEnd);
            Files.deleteIfExists(deviceEnd);
        } catch (IOException ignored) {
            // best effort: the directory is temporary
        }
    }
}
