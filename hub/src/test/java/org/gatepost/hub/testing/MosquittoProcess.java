package org.gatepost.hub.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto ({@code /usr/sbin/mosquitto}, Debian package {@code mosquitto}) started by a test from a
 * given config file. The config is copied to {@code test-mosquitto.conf} beside it with {@code user root}
 * appended: that only matters when the tests run as root, where it keeps the broker from dropping to user
 * {@code mosquitto}, who cannot enter JUnit's private temporary folders. The broker's own output goes to
 * {@code mosquitto.out} beside the config. {@link #start} returns once every given port accepts TCP
 * connections. Not thread safe.
 */
public final class MosquittoProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path conf;
    private final Path output;
    private final List<Integer> ports;
    private Process process;

    private MosquittoProcess(Path conf, List<Integer> ports) {
        this.conf = conf;
        this.output = conf.resolveSibling("mosquitto.out");
        this.ports = List.copyOf(ports);
    }

    /** Starts {@code mosquitto -c} on a copy of {@code generatedConf}; {@code ports} are its listeners. */
    public static MosquittoProcess start(Path generatedConf, List<Integer> ports) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(
                    "mosquitto is not installed at " + BINARY + "; install it with: apt-get install mosquitto");
        }
        Path conf = generatedConf.resolveSibling("test-mosquitto.conf");
        Files.writeString(
                conf, Files.readString(generatedConf) + "\n# Added by the test (see MosquittoProcess).\nuser root\n");
        MosquittoProcess m = new MosquittoProcess(conf, ports);
        m.launch();
        return m;
    }

    /** A port nobody listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Crash: SIGKILL, no chance to save. Waits for the process to end. */
    public void kill() {
        end(true);
    }

    /** Starts the same config again. */
    public void restart() throws IOException {
        end(false);
        launch();
    }

    /** What the broker printed before its log file was open (start-up errors). */
    public String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    @Override
    public void close() {
        end(false);
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .directory(conf.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (int port : ports) {
            while (!accepts(port)) {
                if (!started.isAlive()) {
                    throw new IOException(
                            "mosquitto exited with " + started.exitValue() + " before listening: " + output());
                }
                if (System.nanoTime() > deadline) {
                    started.destroyForcibly();
                    throw new IOException(
                            "mosquitto did not listen on port " + port + " within " + START_TIMEOUT + ": " + output());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for mosquitto", e);
                }
            }
        }
    }

    private static boolean accepts(int port) {
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
}
