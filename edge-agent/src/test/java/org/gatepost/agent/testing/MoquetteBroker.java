package org.gatepost.agent.testing;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * An embedded Moquette 0.17 broker for tests: loopback only, anonymous, telemetry off, persistence under the
 * given directory (so {@link #restart()} keeps sessions and retained messages). Not thread safe.
 */
public final class MoquetteBroker implements AutoCloseable {
    private final Properties config;
    private final int port;
    private Server server;

    private MoquetteBroker(Properties config, int port) {
        this.config = config;
        this.port = port;
    }

    /** Starts a broker on a free port with its data under {@code dir}. */
    public static MoquetteBroker start(Path dir) throws IOException {
        return start(dir, FreePorts.pick());
    }

    /** Starts a broker on {@code port} (chosen up front: Moquette reports its port late). */
    public static MoquetteBroker start(Path dir, int port) throws IOException {
        Path data = Files.createDirectories(dir.resolve("moquette-data"));
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "true");
        p.setProperty("data_path", data.toString() + "/");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.mqtt.message_size", "65536");
        MoquetteBroker broker = new MoquetteBroker(p, port);
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

    /** Stops the broker; clients see their connection drop. */
    public void stop() {
        if (server == null) return;
        server.stopServer();
        server = null;
    }

    /** Stops (if running) and starts again on the same port with the same data. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() throws IOException {
        Server s = new Server();
        s.startServer(new MemoryConfig(config));
        server = s;
    }
}
