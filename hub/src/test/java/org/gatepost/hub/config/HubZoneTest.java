package org.gatepost.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** hub.zone or the system zone, and the start-up warning when neither says more than UTC. */
class HubZoneTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The log lines written while {@code work} runs (slf4j-simple writes to {@code System.err}). */
    private static <T> String logged(Supplier<T> work, T[] result) {
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            result[0] = work.get();
        } finally {
            System.setErr(err);
        }
        String log = out.toString(StandardCharsets.UTF_8);
        err.print(log);
        return log;
    }

    @ParameterizedTest(name = "system zone {0}")
    @ValueSource(strings = {"Z", "UTC", "Etc/UTC", "GMT", "Etc/GMT", "UTC+00:00"})
    void warnsOnceAtStartWhenTheKeyIsAbsentAndTheSystemZoneIsUtc(String system) {
        ZoneId[] zone = new ZoneId[1];
        String log = logged(() -> HubZone.resolve(Optional.empty(), ZoneId.of(system)), zone);

        assertEquals(ZoneId.of(system), zone[0], "the system zone still applies");
        assertEquals(1, log.lines().count(), log);
        assertTrue(log.contains("WARN"), log);
        assertTrue(log.contains("key=hub.zone"), log);
        assertTrue(log.contains("system_zone=" + ZoneId.of(system).getId()), log);
        assertTrue(log.contains("example=hub.zone=Asia/Shanghai"), log);
    }

    @ParameterizedTest(name = "system zone {0}")
    @ValueSource(strings = {"Asia/Shanghai", "Asia/Urumqi", "Europe/London", "+08:00"})
    void staysQuietWhenTheSystemZoneIsNotUtc(String system) {
        ZoneId[] zone = new ZoneId[1];
        String log = logged(() -> HubZone.resolve(Optional.empty(), ZoneId.of(system)), zone);

        assertEquals(ZoneId.of(system), zone[0]);
        assertEquals("", log, "Europe/London is at offset 0 only in winter: a real zone someone chose");
    }

    @Test
    void theConfiguredZoneWinsOverTheSystemZoneWithoutAWarning() {
        ZoneId[] zone = new ZoneId[1];
        String log = logged(() -> HubZone.resolve(Optional.of(SHANGHAI), ZoneOffset.UTC), zone);

        assertEquals(SHANGHAI, zone[0]);
        assertFalse(log.contains("hub.zone"), log);
    }

    @Test
    void namesTheUtcOffsetUtcAndOtherZonesByTheirId() {
        assertEquals("UTC", HubZone.name(ZoneOffset.UTC));
        assertEquals("Asia/Shanghai", HubZone.name(SHANGHAI));
        assertEquals("Etc/UTC", HubZone.name(ZoneId.of("Etc/UTC")));
    }
}
