package org.gatepost.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gatepost.agent.testing.AgentProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxConfigTest {
    @TempDir
    Path dir;

    private static OutboxConfig parse(String... keyValues) throws ConfigException {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return OutboxConfig.parse(new Properties2(p));
    }

    private static String rejected(String key, String value) {
        return assertThrows(ConfigException.class, () -> parse(key, value)).getMessage();
    }

    @Test
    void aMinimalAgentFileGetsTheDocumentedDefaults() throws Exception {
        OutboxConfig o = AgentConfig.parse(AgentProperties.minimal(), dir).outbox();
        assertEquals(Duration.ofSeconds(30), o.heartbeatInterval());
        assertEquals(200, o.batchSize());
        assertEquals(16, o.maxInFlight());
        assertEquals(Duration.ofSeconds(30), o.resendAfter());
        assertEquals(Duration.ofSeconds(2), o.shutdownFlush());
        assertEquals(Duration.ofDays(7), o.retention());
        assertEquals(256L * 1024 * 1024, o.budgetBytes());
        assertEquals(OutboxConfig.defaults(), o);
    }

    @Test
    void readsEveryKeyWithDaysAndByteUnits() throws Exception {
        OutboxConfig o = parse(
                "heartbeat.interval",
                "10s",
                "uplink.batch-size",
                "50",
                "uplink.max-in-flight",
                "4",
                "uplink.resend-after",
                "2m",
                "uplink.shutdown-flush",
                "500ms",
                "store.retention",
                "30d",
                "store.budget",
                "2GB");
        assertEquals(
                new OutboxConfig(
                        Duration.ofSeconds(10),
                        50,
                        4,
                        Duration.ofMinutes(2),
                        Duration.ofMillis(500),
                        Duration.ofDays(30),
                        2L << 30),
                o);
        assertEquals(1L << 20, parse("store.budget", "1024kb").budgetBytes(), "units in any case");
        assertEquals(512L << 20, parse("store.budget", "512 MB").budgetBytes());
        assertEquals(Duration.ofHours(36), parse("store.retention", "36h").retention());
    }

    @Test
    void theAgentFileRejectsAMisspeltOutboxKey() {
        Properties p = AgentProperties.minimal();
        p.setProperty("uplink.batchsize", "100");
        ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.parse(p, dir));
        assertTrue(e.getMessage().startsWith("uplink.batchsize"), e.getMessage());
    }

    @Test
    void eachBadValueNamesItsKeyAndTheProblem() {
        assertTrue(rejected("heartbeat.interval", "1500ms").startsWith("heartbeat.interval: must be whole seconds"));
        assertTrue(rejected("heartbeat.interval", "2h").startsWith("heartbeat.interval: must be between"));
        assertTrue(rejected("uplink.batch-size", "0").startsWith("uplink.batch-size: must be between 1 and 1000"));
        assertTrue(
                rejected("uplink.max-in-flight", "101").startsWith("uplink.max-in-flight: must be between 1 and 100"));
        assertTrue(rejected("uplink.resend-after", "soon").startsWith("uplink.resend-after: must be a duration"));
        assertTrue(rejected("store.retention", "30m").startsWith("store.retention: must be between"));
        assertTrue(rejected("store.retention", "7 days").contains("7d"), "the message shows the day unit");
        assertTrue(rejected("store.budget", "256").startsWith("store.budget: must be a size such as"));
        assertTrue(rejected("store.budget", "256TB").startsWith("store.budget: must be a size such as"));
        assertTrue(rejected("store.budget", "512KB").startsWith("store.budget: must be between"));
        assertTrue(rejected("store.budget", "99999999999999999999GB").startsWith("store.budget: is too large"));
    }
}
