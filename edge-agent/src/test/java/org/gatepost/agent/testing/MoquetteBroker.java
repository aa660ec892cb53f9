package org.gatepost.agent.testing;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * An embedded Moquette 0.17 broker for tests: loopback only, anonymous, telemetry off, websockets off.
 *
 * <p>Two kinds. {@link #start(Path)} persists under the given directory, so {@link #restart()} keeps sessions,
 * subscriptions and retained messages; its {@link #close()} waits for the shutdown. {@link #startInMemory()}
 * keeps nothing on disk; its {@link #close()} drops every connection at once and lets Moquette finish
 * shutting down on a background thread (Moquette's Netty shutdown always waits a 2 s quiet period, which
 * would otherwise cost every test 2 s). {@link #stop()} always waits. Not thread safe.
 */
public final class MoquetteBroker implements AutoCloseable {
    private final Properties config;
    private final int port;
    private final boolean persistent;
    private Server server;

    private MoquetteBroker(Properties config, int port, boolean persistent) {
        this.config = config;
        this.port = port;
        this.persistent = persistent;
    }

    /** Starts a persistent broker on a free port with its data under {@code dir}. */
    public static MoquetteBroker start(Path dir) throws IOException {
        return start(dir, FreePorts.pick());
    }

    /** Starts a persistent broker on {@code port} (chosen up front: Moquette reports its port late). */
    public static MoquetteBroker start(Path dir, int port) throws IOException {
        Path data = Files.createDirectories(dir.resolve("moquette-data"));
        Properties p = baseConfig(port);
        p.setProperty("persistence_enabled", "true");
        p.setProperty("data_path", data + "/");
        MoquetteBroker broker = new MoquetteBroker(p, port, true);
        broker.launch();
        return broker;
    }

    /** Starts a broker without persistence on a free port. */
    public static MoquetteBroker startInMemory() throws IOException {
        return startInMemory(FreePorts.pick());
    }

    /** Starts a broker without persistence on {@code port}. */
    public static MoquetteBroker startInMemory(int port) throws IOException {
        Properties p = baseConfig(port);
        p.setProperty("persistence_enabled", "false");
        MoquetteBroker broker = new MoquetteBroker(p, port, false);
        broker.launch();
        return broker;
    }

    private static Properties baseConfig(int port) {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("telemetry_enabled", "false");
        // As the hub's embedded broker (EmbeddedBroker.MAX_MESSAGE_BYTES): room for the uplink's batches.
        p.setProperty("netty.mqtt.message_size", Integer.toString(1024 * 1024));
        return p;
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker and waits until it is down (about 2 s); clients see their connection drop at once. */
    public void stop() {
        if (server == null) {
            return;
        }
        server.stopServer();
        server = null;
    }

    /** Stops (if running) and starts again on the same port with the same configuration and data. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    /** Stops the broker: waiting for a persistent one, in the background for an in-memory one. */
    @Override
    public void close() {
        if (persistent || server == null) {
            stop();
            return;
        }
        Server s = server;
        server = null;
        Thread.ofPlatform().name("moquette-stop-" + port).daemon(true).start(s::stopServer);
    }

    private void launch() throws IOException {
        Server s = new Server();
        s.startServer(new MemoryConfig(config));
        server = s;
    }
}
