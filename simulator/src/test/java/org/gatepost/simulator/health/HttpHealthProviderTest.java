package org.gatepost.simulator.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.HealthColour;
import org.gatepost.agent.entry.HealthStatus;
import org.gatepost.agent.health.HttpHealthProvider;
import org.gatepost.agent.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's {@code http} health provider against the simulated health service over a real loopback socket:
 * colours, what the gate sends, and every failure the provider turns into {@code unknown} (slow answers beyond
 * the timeout, error statuses, dropped connections, nobody listening, an answer outside the contract).
 */
class HttpHealthProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RED_HASH = "v2:" + "1".repeat(64);
    private static final String OTHER_HASH = "2".repeat(64);
    private SimulatedHealthService service;

    @BeforeEach
    void start() throws Exception {
        service = SimulatedHealthService.start(0);
        service.set(RED_HASH, "red");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private static Credential card(String hash) {
        return new Credential(Credential.KIND_ID_CARD, hash, "110105************");
    }

    private HttpHealthProvider provider(Duration timeout) {
        return provider(service.url(), timeout);
    }

    private static HttpHealthProvider provider(URI url, Duration timeout) {
        return new HttpHealthProvider(url, "simulated", timeout, Clock.systemUTC());
    }

    /** The answer; fails the test if it takes more than 10 s (it never should: the timeouts are shorter). */
    private static HealthStatus answer(CompletableFuture<HealthStatus> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void answersTheColourTheServiceHasForTheHash() throws Exception {
        HttpHealthProvider p = provider(Duration.ofSeconds(3));
        HealthStatus red = answer(p.check(card(RED_HASH)));
        assertEquals(HealthColour.RED, red.colour());
        assertEquals("simulated", red.source());
        assertEquals(HealthColour.GREEN, answer(p.check(card(OTHER_HASH))).colour(), "the default colour");
        service.defaultColour("yellow");
        assertEquals(HealthColour.YELLOW, answer(p.check(card(OTHER_HASH))).colour());
    }

    @Test
    void theGateSendsOnlyTheSchemaVersionAndTheKeyedHash() throws Exception {
        answer(provider(Duration.ofSeconds(3)).check(card(RED_HASH)));
        List<String> bodies = service.received();
        assertEquals(1, bodies.size());
        assertEquals(Map.of("v", 1, "hash", RED_HASH), JSON.readValue(bodies.get(0), Map.class));
        assertFalse(bodies.get(0).contains("110105"), "not even the masked number");
    }

    @Test
    void anAnswerWithinTheTimeoutIsTheColourEvenWhenSlow() throws Exception {
        service.latency(Duration.ofMillis(300));
        assertEquals(
                HealthColour.RED,
                answer(provider(Duration.ofSeconds(3)).check(card(RED_HASH))).colour());
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsUnknownAndCheckNeverBlocks() throws Exception {
        service.latency(Duration.ofSeconds(3));
        long start = System.nanoTime();
        CompletableFuture<HealthStatus> f = provider(Duration.ofMillis(300)).check(card(RED_HASH));
        long returnedMs = (System.nanoTime() - start) / 1_000_000;
        assertFalse(f.isDone(), "check returns before the service answers");
        HealthStatus s = answer(f);
        long answeredMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(HealthColour.UNKNOWN, s.colour());
        assertEquals("simulated", s.source());
        System.out.printf(
                "figure: check() returned after %d ms, unknown after %d ms (timeout 300 ms, service 3000 ms)%n",
                returnedMs, answeredMs);
    }

    @Test
    void anErrorStatusIsUnknown() throws Exception {
        service.failWith(503);
        assertEquals(
                HealthColour.UNKNOWN,
                answer(provider(Duration.ofSeconds(3)).check(card(RED_HASH))).colour());
        service.failWith(0);
        assertEquals(
                HealthColour.RED,
                answer(provider(Duration.ofSeconds(3)).check(card(RED_HASH))).colour(),
                "the next check after the service recovered");
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsUnknown() throws Exception {
        service.failWith(SimulatedHealthService.DROP);
        assertEquals(
                HealthColour.UNKNOWN,
                answer(provider(Duration.ofSeconds(3)).check(card(RED_HASH))).colour());
    }

    @Test
    void nobodyListeningIsUnknown() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + FreePorts.pick() + "/health");
        assertEquals(
                HealthColour.UNKNOWN,
                answer(provider(closed, Duration.ofSeconds(3)).check(card(RED_HASH)))
                        .colour());
    }

    @Test
    void aRedShareCallsAboutThatFractionRedAndEachHashAlwaysTheSame() throws Exception {
        service.redShare(0.3);
        HttpHealthProvider p = provider(Duration.ofSeconds(3));
        int red = 0;
        for (int i = 0; i < 200; i++) {
            String hash = String.format("%064x", i * 7919L);
            HealthColour first = answer(p.check(card(hash))).colour();
            assertEquals(first, answer(p.check(card(hash))).colour(), "the same person, the same colour");
            if (first == HealthColour.RED) {
                red++;
            }
        }
        System.out.printf("figure: %d of 200 red at share 0.3%n", red);
        assertTrue(red > 20 && red < 110, red + " of 200 red");
        service.redShare(0);
        assertEquals(HealthColour.GREEN, answer(p.check(card(OTHER_HASH))).colour());
    }

    @Test
    void aColourOutsideTheContractIsUnknown() throws Exception {
        service.set(OTHER_HASH, "purple");
        assertEquals(
                HealthColour.UNKNOWN,
                answer(provider(Duration.ofSeconds(3)).check(card(OTHER_HASH))).colour());
        service.set(OTHER_HASH, "unknown");
        assertEquals(
                HealthColour.UNKNOWN,
                answer(provider(Duration.ofSeconds(3)).check(card(OTHER_HASH))).colour());
    }
}
