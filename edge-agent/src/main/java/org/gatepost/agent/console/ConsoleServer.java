package org.gatepost.agent.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.agent.checkpoint.VolunteerDesk;
import org.gatepost.agent.config.ConsoleConfig;
import org.gatepost.agent.health.HealthDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volunteer console ({@code docs/console.md}): the page and its JSON API on the JDK's HTTP server, for a tablet
 * or screen at the gate. It reads and acts through the {@link VolunteerDesk} and {@link ConsoleStatus} only, so it
 * works while the hub is unreachable. {@link #start} binds and returns at once; each exchange runs on its own
 * virtual thread, so a stalled or slow client parks only its own thread and cannot hold up the others, and the
 * {@link ConsoleHttpLimits} close requests that take too long. {@link #close} is idempotent.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    static {
        ConsoleHttpLimits.apply();
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final AtomicInteger closed = new AtomicInteger();

    private ConsoleServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /**
     * Serves the console on {@code config.bind()}:{@code config.port()} (port 0: any free one, see {@link #port()}).
     *
     * @throws IOException when the address cannot be bound (in use, not an address of this machine)
     */
    public static ConsoleServer start(ConsoleConfig config, VolunteerDesk desk, ConsoleStatus status, Clock clock)
            throws IOException {
        return start(config, desk, status, clock, HealthDesk.NONE);
    }

    /** As above, with the health checks that wait for the volunteer's colour ({@code docs/console.md}). */
    public static ConsoleServer start(
            ConsoleConfig config, VolunteerDesk desk, ConsoleStatus status, Clock clock, HealthDesk health)
            throws IOException {
        ConsoleSessions sessions =
                new ConsoleSessions(config.pin(), config.sessionTimeout(), clock, new SecureRandom());
        HttpServer http = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
        http.createContext("/api/", new ConsoleApi(new ObjectMapper(), desk, status, sessions, clock, health));
        http.createContext("/", new StaticFiles());
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("console-http-", 1).factory());
        http.setExecutor(executor);
        http.start();
        ConsoleServer server = new ConsoleServer(http, executor);
        LOG.info(
                "event=console-started bind={} port={} pin={} max_request_s={} max_connections={}",
                config.bind(),
                server.port(),
                config.pin().isPresent() ? "set" : "none",
                System.getProperty("sun.net.httpserver.maxReqTime"),
                System.getProperty("jdk.httpserver.maxConnections"));
        return server;
    }

    /** The port the console listens on (the one chosen when configured as 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops accepting, lets requests in progress finish for up to a second, then stops. */
    @Override
    public void close() {
        if (closed.getAndIncrement() > 0) {
            return;
        }
        http.stop(1);
        executor.shutdownNow();
        LOG.info("event=console-stopped");
    }
}
