package org.gatepost.agent.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatepost.agent.config.ConsoleConfig;
import org.gatepost.agent.testing.ForwardableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stalled and slow clients on the console's network (anyone on the gate's Wi-Fi, before any PIN is asked). */
class ConsoleSlowClientsTest {
    private final ForwardableClock clock = new ForwardableClock(Scans.AT.plusSeconds(60));
    private final List<Socket> sockets = new ArrayList<>();
    private ConsoleServer server;

    @BeforeEach
    void start() throws Exception {
        server = ConsoleServer.start(
                new ConsoleConfig(true, "127.0.0.1", 0, Optional.of("2468"), Duration.ofHours(1)),
                new FakeDesk(),
                Scans.status(),
                clock);
    }

    @AfterEach
    void stop() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        server.close();
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
        return s;
    }

    /** Half a request line and one header, then nothing. */
    private static void partialRequest(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: gate\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private HttpResponse<String> page(HttpClient client) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    @Test
    void fiftyStalledConnectionsDoNotKeepThePageFromAnotherClient() throws Exception {
        assertEquals(
                200, page(newClient()).statusCode(), "warm-up, so the figure below is the server's, not class loading");
        for (int i = 0; i < 50; i++) {
            Socket s = open();
            if (i % 2 == 0) {
                partialRequest(s);
            }
        }
        Thread.sleep(200); // let the server take up the partial requests
        HttpClient client = newClient();
        long t0 = System.nanoTime();
        HttpResponse<String> page = page(client);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("console page under 50 stalled connections: " + ms + " ms");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html"), "the page itself");
        assertTrue(ms < 2_000, ms + " ms");
    }

    @Test
    void closesAHalfRequestAndASilentConnectionWithinTheMaximumRequestTime() throws Exception {
        assertEquals(
                Long.toString(ConsoleHttpLimits.MAX_REQUEST_SECONDS),
                System.getProperty("sun.net.httpserver.maxReqTime"),
                "the limits are set before the JDK's first HTTP server reads them");
        Socket half = open();
        partialRequest(half);
        Socket silent = open();
        long t0 = System.nanoTime();
        long limitMs = (ConsoleHttpLimits.MAX_REQUEST_SECONDS + 3) * 1000;

        long halfMs = closedAfterMillis(half, t0, limitMs);
        long silentMs = closedAfterMillis(silent, t0, limitMs);
        System.out.println(
                "console closed a half request after " + halfMs + " ms, a silent connection after " + silentMs + " ms");

        assertTrue(halfMs < limitMs, halfMs + " ms");
        assertTrue(silentMs < limitMs, silentMs + " ms");
    }

    /** Waits (until {@code limitMs} after {@code t0}) for the server to close {@code s} without an answer. */
    private static long closedAfterMillis(Socket s, long t0, long limitMs) throws IOException {
        long left = limitMs - (System.nanoTime() - t0) / 1_000_000;
        s.setSoTimeout((int) Math.max(1, left));
        int read;
        try {
            read = s.getInputStream().read();
        } catch (SocketTimeoutException stillOpen) {
            return limitMs;
        } catch (IOException reset) {
            read = -1;
        }
        assertEquals(-1, read, "closed without an answer");
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
