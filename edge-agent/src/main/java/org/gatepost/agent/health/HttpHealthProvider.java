package org.gatepost.agent.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.HealthColour;
import org.gatepost.agent.entry.HealthStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A health-status service over HTTP ({@code docs/health.md}, "The service protocol"): {@code POST health.url} with
 * {@code {"v":1,"hash":"<credential.hash>"}}, answered {@code 200} with {@code {"colour":"green"}} (or yellow, red).
 * Only the credential's keyed hash leaves the gate. A refused connection, a timeout (the request's timeout is
 * {@code timeout}), another status, an unreadable body or another colour is {@link HealthColour#UNKNOWN}, logged
 * once as {@code event=health-check-failed}. Never blocks the caller; the answer arrives on the HTTP client's threads.
 */
public final class HttpHealthProvider implements HealthStatusProvider {
    private static final Logger LOG = LoggerFactory.getLogger(HttpHealthProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String source;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    public HttpHealthProvider(URI url, String source, Duration timeout, Clock clock) {
        this.url = Objects.requireNonNull(url, "url");
        this.source = Objects.requireNonNull(source, "source");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public CompletableFuture<HealthStatus> check(Credential credential) {
        String body = JSON.createObjectNode()
                .put("v", 1)
                .put("hash", credential.hash())
                .toString();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                return failed(failure.getCause() == null ? failure : failure.getCause());
            }
            return answer(response);
        });
    }

    private HealthStatus answer(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return failed("status-" + response.statusCode());
        }
        try {
            JsonNode n = JSON.readTree(response.body());
            String colour = n == null ? null : n.path("colour").asText(null);
            if (colour == null) {
                return failed("no-colour");
            }
            HealthColour c = HealthColour.fromWire(colour);
            if (c == HealthColour.UNKNOWN) {
                return failed("service-unknown");
            }
            return new HealthStatus(c, source, clock.instant());
        } catch (IOException | IllegalArgumentException e) {
            return failed("bad-answer");
        }
    }

    private HealthStatus failed(Throwable t) {
        return failed(t.getClass().getSimpleName());
    }

    private HealthStatus failed(String reason) {
        LOG.warn("event=health-check-failed source={} url={} reason={}", source, url, reason);
        return HealthStatus.unknown(source, clock.instant());
    }

    @Override
    public String source() {
        return source;
    }
}
