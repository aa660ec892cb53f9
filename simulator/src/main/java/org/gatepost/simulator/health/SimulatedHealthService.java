package org.gatepost.simulator.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A simulated health-status service for the gate's {@code http} provider ({@code docs/health.md}, "The service
 * protocol"): {@code POST /health} with {@code {"v":1,"hash":"<credential hash>"}} answers {@code 200
 * {"colour":...}}: the colour set for that hash with {@link #set}, else {@link #defaultColour}. It only ever sees the
 * keyed hash, and it refuses (400) a body that is not exactly that, so a test can see a gate send nothing else
 * ({@link #received()}). Latency ({@link #latency}) and failures ({@link #failWith}: an HTTP status, or
 * {@link #DROP} to close the connection without an answer) are set at run time. Binds to loopback; thread safe.
 */
public final class SimulatedHealthService implements AutoCloseable {
    /** {@link #failWith} value: close the connection without answering. */
    public static final int DROP = -1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HASH = Pattern.compile("(v2:)?[0-9a-f]{64}");
    private static final int MAX_BODY = 4096;

    private final HttpServer http;
    private final ExecutorService executor;
    private final Map<String, String> colours = new ConcurrentHashMap<>();
    private final List<String> received = new ArrayList<>();
    private volatile String defaultColour = "green";
    private volatile double redShare;
    private volatile Duration latency = Duration.ZERO;
    private volatile int failWith;

    private SimulatedHealthService(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /** Starts on loopback, {@code port} 0 for any free port. */
    public static SimulatedHealthService start(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        SimulatedHealthService s = new SimulatedHealthService(http, executor);
        http.createContext("/health", s::handle);
        http.setExecutor(executor);
        http.start();
        return s;
    }

    /** The URL for the gate's {@code health.url}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/health");
    }

    /** Answers {@code colour} (green, yellow or red) for {@code hash}. */
    public void set(String hash, String colour) {
        colours.put(hash, colour);
    }

    public void defaultColour(String colour) {
        this.defaultColour = Objects.requireNonNull(colour);
    }

    /**
     * A hash without a colour of its own is red with this probability (0..1), decided once per hash from the hash
     * itself, so the same person gets the same colour at every gate and every scan (the demo's mix).
     */
    public void redShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in 0..1: " + share);
        }
        this.redShare = share;
    }

    /** Every answer waits this long first. */
    public void latency(Duration d) {
        this.latency = Objects.requireNonNull(d);
    }

    /** 0: answer normally; an HTTP status such as 503: answer that with no colour; {@link #DROP}: close unanswered. */
    public void failWith(int status) {
        this.failWith = status;
    }

    /** Every request body received, in order, as the raw text. */
    public synchronized List<String> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            String text = new String(body, StandardCharsets.UTF_8);
            synchronized (this) {
                received.add(text);
            }
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int fail = failWith;
            if (fail == DROP) {
                ex.getResponseBody().close();
                return;
            }
            if (fail > 0) {
                reply(ex, fail, "{\"error\":\"simulated failure\"}");
                return;
            }
            String hash = hash(ex.getRequestMethod(), body);
            if (hash == null) {
                reply(ex, 400, "{\"error\":\"expected POST {\\\"v\\\":1,\\\"hash\\\":...} and nothing else\"}");
                return;
            }
            reply(ex, 200, JSON.createObjectNode().put("colour", colour(hash)).toString());
        }
    }

    private String colour(String hash) {
        String set = colours.get(hash);
        if (set != null) {
            return set;
        }
        return Math.floorMod(hash.hashCode(), 10_000) < redShare * 10_000 ? "red" : defaultColour;
    }

    /** The hash of a well-formed request: exactly {@code v} = 1 and {@code hash}; null otherwise. */
    private static String hash(String method, byte[] body) {
        if (!method.equals("POST") || body.length > MAX_BODY) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject() || n.size() != 2 || n.path("v").asInt() != 1) {
                return null;
            }
            String h = n.path("hash").asText("");
            return HASH.matcher(h).matches() ? h : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
