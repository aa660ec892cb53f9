package org.gatepost.simulator.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatepost.hub.deploy.MosquittoConf;

/**
 * Mosquitto with the production settings that {@code gatepost-hub mosquitto-setup} writes
 * ({@link MosquittoConf}: persistence saved every 1,000 changes, 20 messages in flight per client, 200,000
 * queued), minus what only costs the same on both sides of a comparison (passwords, ACLs, TLS): anonymous,
 * on a loopback port. Not the test suite's broker, whose save after every change would measure a setting no
 * one deploys. Needs {@code apt-get install mosquitto}. Not thread safe.
 */
final class ProductionMosquitto implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    /** Overrides {@code max_inflight_messages} (the production value is {@link MosquittoConf#MAX_INFLIGHT_MESSAGES}), to compare. */
    static final String INFLIGHT_PROPERTY = "gatepost.bench.brokerInflight";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private final Path dir;
    private final int port;
    private Process process;

    private ProductionMosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static ProductionMosquitto start(Path dir, int port) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IOException("mosquitto is not installed (" + BINARY + "): apt-get install mosquitto");
        }
        Files.createDirectories(dir.resolve("data"));
        Files.write(
                dir.resolve("mosquitto.conf"),
                List.of(
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous true",
                        "persistent_client_expiration " + MosquittoConf.PERSISTENT_CLIENT_EXPIRATION,
                        "max_inflight_messages " + inflight(),
                        "max_inflight_bytes " + MosquittoConf.MAX_INFLIGHT_BYTES,
                        "max_queued_messages " + MosquittoConf.MAX_QUEUED_MESSAGES,
                        "max_queued_bytes " + MosquittoConf.MAX_QUEUED_BYTES,
                        "persistence true",
                        "persistence_location " + dir.resolve("data") + "/",
                        "autosave_on_changes true",
                        "autosave_interval " + MosquittoConf.AUTOSAVE_CHANGES,
                        "user root",
                        "log_dest file " + dir.resolve("mosquitto.log"),
                        "connection_messages true",
                        // -Dgatepost.bench.brokerLog=all logs every packet (to the second), to see in which order
                        // messages passed.
                        "log_type " + System.getProperty("gatepost.bench.brokerLog", "notice"),
                        "log_timestamp_format %H:%M:%S"));
        ProductionMosquitto m = new ProductionMosquitto(dir, port);
        m.launch();
        return m;
    }

    /** The {@code max_inflight_messages} the benchmark's brokers run with. */
    static int inflight() {
        return Integer.getInteger(INFLIGHT_PROPERTY, MosquittoConf.MAX_INFLIGHT_MESSAGES);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(
                        BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("mosquitto.out").toFile()))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // never outlive the benchmark
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!listening()) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + dir);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("mosquitto did not listen on " + port + "; see " + dir);
            }
            sleep(10);
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }
}
