package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.hub.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow, stalled and oversized requests against the hub's web server on loopback: an attacker at 127.0.0.1, an
 * operator at 127.0.0.2 (127.0.0.0/8 all reaches this machine).
 */
class RequestLimitsTest {
    private static final String ATTACKER = "127.0.0.1";
    private static final String OPERATOR = "127.0.0.2";

    @TempDir
    Path dir;

    private WebFixture web;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(dir);
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
        web.close();
    }

    private Socket open(String from) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", web.port()), 2_000);
        return s;
    }

    /** Headers of a login whose body never arrives past its first byte. */
    private void stalledLogin(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("POST /api/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
                        + "\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private long timedHealthMillis(String from) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(InetAddress.getByName(from))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/health"))
                .timeout(Duration.ofSeconds(20))
                .build();
        long t0 = System.nanoTime();
        HttpResponse<String> answer = client.send(r, HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, answer.statusCode(), answer.body());
        return ms;
    }

    @Test
    void threeHundredStalledLoginBodiesDoNotDelayAnotherAddressesRequest() throws Exception {
        timedHealthMillis("127.0.0.3"); // warm-up, so the figure below is the server's, not class loading
        for (int i = 0; i < 300; i++) {
            try {
                stalledLogin(open(ATTACKER));
            } catch (IOException refused) {
                // the hub may close the connection at once: that is the point
            }
        }
        Thread.sleep(300); // let the hub take up the requests it accepted

        long ms = timedHealthMillis(OPERATOR);
        System.out.println("GET /api/health under 300 stalled login bodies: " + ms + " ms");

        assertTrue(ms < 2_000, "answered in " + ms + " ms");
    }

    @Test
    void closesAnAddressesConnectionsBeyondThePerAddressLimitAtOnce() throws Exception {
        for (int i = 0; i < WebServer.MAX_CONNECTIONS_PER_ADDRESS; i++) {
            stalledLogin(open(ATTACKER));
        }
        // Jetty opens connections on several selector threads: wait until all of them are counted, so the
        // next one is the one over the limit.
        Await.until(
                "the hub counts the address's connections",
                Duration.ofSeconds(10),
                () -> web.web.openConnectionsFrom(InetAddress.getByName(ATTACKER))
                        == WebServer.MAX_CONNECTIONS_PER_ADDRESS);
        Socket extra = open(ATTACKER);
        extra.setSoTimeout(5_000);
        long t0 = System.nanoTime();
        int read;
        try {
            read = extra.getInputStream().read();
        } catch (IOException reset) {
            read = -1;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(-1, read, "the connection over the limit is closed without an answer");
        assertTrue(ms < 2_000, "closed after " + ms + " ms");
        assertTrue(timedHealthMillis(OPERATOR) < 2_000, "another address is served");
    }

    @Test
    void closesAJsonBodyTricklingInPastTheDeadline() throws Exception {
        Socket s = open(ATTACKER);
        OutputStream out = s.getOutputStream();
        out.write(("POST /api/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n"
                        + "\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long t0 = System.nanoTime();
        long limit = WebServer.IDLE_TIMEOUT.toMillis() - 2_000;
        boolean open = true;
        while (open && (System.nanoTime() - t0) / 1_000_000 < limit) {
            Thread.sleep(500); // a byte every half second: never idle long enough for the idle timeout
            try {
                out.write(' ');
                out.flush();
            } catch (IOException closed) {
                open = false;
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("trickled body closed after " + ms + " ms");

        assertTrue(!open, "still open after " + ms + " ms");
        assertTrue(ms >= JsonBody.BODY_DEADLINE.toMillis() - 1_000, "closed after " + ms + " ms");
    }

    @Test
    void answersAJsonBodyOverOneMegabyteWith413AndTheJsonError() throws Exception {
        String big = "{\"name\":\"" + "a".repeat(JsonBody.MAX_BYTES) + "\",\"password\":\"x\"}";
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (HttpRequest.BodyPublisher body : List.of(
                HttpRequest.BodyPublishers.ofString(big),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        big.getBytes(StandardCharsets.UTF_8)))) /* chunked: no Content-Length */) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/login"))
                            .header("Content-Type", "application/json")
                            .POST(body)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(413, r.statusCode(), r.body());
            assertTrue(
                    r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                    r.headers().toString());
            assertEquals("{\"error\":\"the body is larger than 1000000 bytes\"}", r.body());
        }
    }
}
