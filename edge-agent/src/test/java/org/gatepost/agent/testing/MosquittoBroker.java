package org.gatepost.agent.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker started from a test: {@code mosquitto -c <dir>/mosquitto.conf} listening on a free
 * loopback port, anonymous, persisting to {@code <dir>/data} after every change (so {@link #restart()} and
 * even {@link #kill()} keep sessions and queued messages, as in production), its output in
 * {@code <dir>/mosquitto.log}. {@link #start} returns once a TCP connect to the port succeeds. Needs the
 * Debian package: {@code apt-get install mosquitto}. Not thread safe.
 */
public final class MosquittoBroker implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final Path conf;
    private final Path log;
    private final int port;
    private Process process;

    private MosquittoBroker(Path dir, int port) {
        this.dir = dir;
        this.conf = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        this.port = port;
    }

    /** Writes the config into {@code dir} and starts the broker on a free port. */
    public static MosquittoBroker start(Path dir) throws IOException {
        return start(dir, FreePorts.pick());
    }

    /** Writes the config into {@code dir} and starts the broker on {@code port}. */
    public static MosquittoBroker start(Path dir, int port) throws IOException {
        // Every change saved at once: sessions and queued messages survive kill -9 at any moment.
        return start(dir, port, List.of("autosave_interval 1", "max_queued_messages 100000"));
    }

    /**
     * As {@link #start(Path)} with the queue and window settings {@code mosquitto-setup} writes for production
     * (docs/deployment.md): the database saved every 1,000 changes, 1,000 messages in flight to a client, 200,000
     * queued. For tests with hundreds of gates, where saving the whole database at every change would stall the
     * broker; a kill -9 may then lose what changed since the last save.
     */
    public static MosquittoBroker startWithProductionQueues(Path dir) throws IOException {
        return start(
                dir,
                FreePorts.pick(),
                List.of(
                        "autosave_interval 1000",
                        "max_queued_messages 200000",
                        "max_inflight_messages 1000",
                        "max_inflight_bytes 16777216"));
    }

    private static MosquittoBroker start(Path dir, int port, List<String> queueSettings) throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(dir.resolve("data"));
        MosquittoBroker broker = new MosquittoBroker(dir, port);
        List<String> lines = new ArrayList<>(List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                // As in production (docs/deployment): sessions and queued messages are saved to disk.
                "persistence true",
                "persistence_location " + dir.resolve("data") + "/",
                "autosave_on_changes true"));
        lines.addAll(queueSettings);
        lines.addAll(List.of(
                // Only matters when started as root (CI): stay root so the temporary folder stays writable.
                "user root", "log_dest stderr", "connection_messages true"));
        Files.write(broker.conf, lines);
        broker.launch();
        return broker;
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Graceful stop (SIGTERM); waits for the process to exit. */
    public void stop() {
        end(false);
    }

    /** Crash (SIGKILL); waits for the process to exit. */
    public void kill() {
        end(true);
    }

    /** Stops (if running) and starts again on the same port with the same config. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() throws IOException {
        Path binary = findBinary();
        process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!acceptsConnections()) {
            if (!started.isAlive()) {
                throw new IOException("mosquitto exited with " + started.exitValue() + " before listening; log: "
                        + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                started.destroyForcibly();
                throw new IOException("mosquitto did not listen on port " + port + " within " + START_TIMEOUT
                        + "; log: " + Files.readString(log));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for mosquitto", e);
            }
        }
    }

    private boolean acceptsConnections() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void end(boolean kill) {
        Process p = process;
        if (p == null) {
            return;
        }
        process = null;
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path findBinary() {
        if (Files.isExecutable(BINARY)) {
            return BINARY;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                Path candidate = Path.of(d, "mosquitto");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("mosquitto is not installed (looked for " + BINARY
                + " and on PATH); install it with: apt-get install mosquitto");
    }
}
