package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.gatepost.hub.config.TrustedProxies;
import org.gatepost.hub.testing.ApiSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub behind a reverse proxy ({@code http.trusted-proxies}): over real HTTP from 127.0.0.1, which the test
 * declares a proxy or not. Logins are throttled and audited under the client the proxy names; without the
 * setting, the header is ignored; a proxy's connections are not held to the per-address cap.
 */
class BehindProxyTest {
    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private int login(WebFixture web, String forwardedFor, String name) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(
                        ApiSession.json(Map.of("name", name, "password", "wrong-password-1"))))
                .build();
        return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static List<String> failedLoginRemotes(ApiSession admin) {
        JsonNode events =
                admin.getJson("/api/audit?action=login-failed&limit=1000").get("events");
        return StreamSupport.stream(events.spliterator(), false)
                .map(e -> e.get("remote").textValue())
                .toList();
    }

    @Test
    void behindATrustedProxyEachClientHasItsOwnLoginThrottleAndAuditAddress() throws Exception {
        try (WebFixture web = new WebFixture(dir, TrustedProxies.parse(List.of("127.0.0.1")))) {
            List<Integer> first = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                first.add(login(web, "6.6.6.6, 10.9.0.1", "nobody-" + i));
            }
            int other = login(web, "10.9.0.2", "somebody");

            assertEquals(401, first.get(9), "the tenth failure from 10.9.0.1 is checked: " + first);
            assertEquals(429, first.get(10), "the eleventh is refused: " + first);
            assertEquals(401, other, "another client behind the same proxy is not held by 10.9.0.1's failures");
            List<String> remotes = failedLoginRemotes(web.admin());
            assertEquals(10, remotes.stream().filter("10.9.0.1"::equals).count(), remotes.toString());
            assertEquals(1, remotes.stream().filter("10.9.0.2"::equals).count(), remotes.toString());
            assertTrue(
                    remotes.stream().noneMatch(r -> r.equals("6.6.6.6") || r.equals("127.0.0.1")), remotes.toString());
        }
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() throws Exception {
        try (WebFixture web = new WebFixture(dir, TrustedProxies.NONE)) {
            assertEquals(401, login(web, "10.9.0.1", "nobody"));
            assertEquals(List.of("127.0.0.1"), failedLoginRemotes(web.admin()));
        }
    }

    @Test
    void aTrustedProxyMayHoldMoreConnectionsThanOneAddressMay() throws Exception {
        try (WebFixture web = new WebFixture(dir, TrustedProxies.parse(List.of("127.0.0.1")))) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < WebServer.MAX_CONNECTIONS_PER_ADDRESS + 8; i++) {
                    open.add(new Socket("127.0.0.1", web.port()));
                }
                Socket last = open.getLast();
                last.setSoTimeout(5_000);
                last.getOutputStream()
                        .write(("GET /api/health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(readSome(last.getInputStream()), StandardCharsets.US_ASCII);
                assertTrue(
                        answer.startsWith("HTTP/1.1 200"), "the " + open.size() + "th connection is served: " + answer);
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    private static byte[] readSome(InputStream in) throws IOException {
        byte[] buf = new byte[64];
        int n = in.read(buf);
        return n < 0 ? new byte[0] : Arrays.copyOf(buf, n);
    }
}
