package org.gatepost.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.gatepost.agent.testing.AgentProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code health.*} keys of docs/configuration.md, parsed through {@link AgentConfig#parse}. */
class HealthConfigTest {
    @TempDir
    Path dir;

    private HealthConfig parse(String... keyValues) throws ConfigException {
        return AgentConfig.parse(AgentProperties.required(keyValues), dir).health();
    }

    private ConfigException rejected(String... keyValues) {
        return assertThrows(ConfigException.class, () -> parse(keyValues));
    }

    @Test
    void withoutHealthKeysThereIsNoCheck() throws Exception {
        HealthConfig h = parse();
        assertEquals(HealthConfig.Provider.NONE, h.provider());
        assertFalse(h.enabled());
        assertNull(h.url());
    }

    @Test
    void theHttpProviderTakesItsUrlSourceAndWaitAndTheDocumentedDefaults() throws Exception {
        HealthConfig h = parse(
                "health.provider", "http", "health.url", "http://127.0.0.1:8090/health", "health.source", "simulated");
        assertEquals(HealthConfig.Provider.HTTP, h.provider());
        assertEquals(URI.create("http://127.0.0.1:8090/health"), h.url());
        assertEquals("simulated", h.source());
        assertEquals(Duration.ofSeconds(3), h.maxWait());
        assertTrue(h.yellowDenies(), "yellow denies by default");
        assertFalse(h.unknownDenies(), "unknown admits by default");
        assertEquals(
                "http",
                parse("health.provider", "http", "health.url", "https://h.example/x")
                        .source());
    }

    @Test
    void theVolunteerProviderWaitsThirtySecondsByDefaultAndIsTheSource() throws Exception {
        HealthConfig h = parse(
                "health.provider",
                "volunteer",
                "health.yellow",
                "admit",
                "health.unknown",
                "deny",
                "health.source",
                "ignored-here");
        assertEquals(Duration.ofSeconds(30), h.maxWait());
        assertEquals("volunteer", h.source());
        assertFalse(h.yellowDenies());
        assertTrue(h.unknownDenies());
        assertEquals(
                Duration.ofSeconds(5),
                parse("health.provider", "volunteer", "health.wait", "5s").maxWait());
    }

    @Test
    void eachBadValueNamesItsKey() {
        assertEquals("health.provider", rejected("health.provider", "magic").key());
        assertEquals("health.url", rejected("health.provider", "http").key());
        assertEquals(
                "health.url",
                rejected("health.provider", "http", "health.url", "ftp://x/y").key());
        assertEquals(
                "health.url",
                rejected("health.url", "http://127.0.0.1/health").key(),
                "a url without the http provider is a mistake");
        assertEquals(
                "health.source",
                rejected("health.provider", "http", "health.url", "http://h/x", "health.source", "Not Valid")
                        .key());
        assertEquals(
                "health.wait",
                rejected("health.provider", "volunteer", "health.wait", "50ms").key());
        assertEquals(
                "health.wait",
                rejected("health.provider", "volunteer", "health.wait", "3m").key());
        assertEquals("health.yellow", rejected("health.yellow", "maybe").key());
        assertEquals("health.unknown", rejected("health.unknown", "retest").key());
    }
}
