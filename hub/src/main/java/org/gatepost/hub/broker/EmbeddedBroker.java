package org.gatepost.hub.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo broker: Moquette 0.17 inside the hub's JVM, MQTT 3.1.1 on one TCP port.
 *
 * <p><b>Demo only.</b> It allows anonymous clients and has no TLS or ACLs; it loses a delivered-but-unacked
 * message when it restarts and does not retain wills (moquette#562). Production uses Mosquitto and sets
 * {@code mqtt.url} (see {@code docs/hub.md}). The agent's outbox and the hub's application-level ack make up
 * for the lost in-flight messages.
 *
 * <p>The port is chosen before start (Moquette records the bound port asynchronously): port 0 picks a free
 * one. Telemetry is off; sessions, queues and retained messages persist under the data directory; messages
 * up to {@link #MAX_MESSAGE_BYTES} are accepted. {@link #close()} blocks until the broker has stopped.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private final Server server;
    private final String host;
    private final int port;
    private boolean stopped;

    private EmbeddedBroker(Server server, String host, int port) {
        this.server = server;
        this.host = host;
        this.port = port;
    }

    /** Starts the broker on {@code host:port} (port 0: a free port) with persistence under {@code dataDir}. */
    public static EmbeddedBroker start(String host, int port, Path dataDir) throws IOException {
        int chosen = port == 0 ? freePort(host) : port;
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", String.valueOf(chosen));
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "true");
        p.setProperty("data_path", dataDir.toAbsolutePath() + File.separator);
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.mqtt.message_size", String.valueOf(MAX_MESSAGE_BYTES));
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(p));
        } catch (RuntimeException e) {
            server.stopServer();
            throw new IOException("embedded broker cannot start on " + host + ":" + chosen + ": " + e.getMessage(), e);
        }
        EmbeddedBroker broker = new EmbeddedBroker(server, host, chosen);
        log.info("event=embedded-broker-started url={} data={} anonymous=true use=demo-only", broker.url(), dataDir);
        return broker;
    }

    public int port() {
        return port;
    }

    /** The URL clients on this machine use: {@code tcp://127.0.0.1:port} when bound to all interfaces. */
    public String url() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "tcp://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        server.stopServer();
        log.info("event=embedded-broker-stopped url={}", url());
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        }
    }
}
