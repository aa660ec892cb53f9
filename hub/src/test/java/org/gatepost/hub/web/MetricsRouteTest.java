package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} on a hub without {@code metrics.token}: it does not exist (docs/metrics.md). */
class MetricsRouteTest {

    @Test
    void answers404AsJsonWhenNoTokenIsConfiguredWithOrWithoutASession(@TempDir Path dir) throws Exception {
        try (WebFixture web = new WebFixture(dir)) {
            HttpResponse<String> anonymous = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/metrics"))
                                    .header("Authorization", "Bearer some-token-0123456789")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            var signedIn = web.admin().get("/metrics");

            assertEquals(404, anonymous.statusCode());
            assertEquals("{\"error\":\"no such endpoint\"}", anonymous.body());
            assertEquals(404, signedIn.statusCode());
        }
    }
}
