package org.gatepost.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UplinkSettingsTest {
    private static final String BOOT = "0d5c4a8e-2b7f-4e31-9a6c-5f1e3d2b7c90";

    @Test
    void defaultsAreTwentySecondKeepaliveSixteenInFlightAndThirtySecondResend() {
        UplinkSettings s = UplinkSettings.of("tcp://127.0.0.1:1883", "north-gate", BOOT);
        assertEquals(Duration.ofSeconds(20), s.keepAlive());
        assertEquals(16, s.maxInFlight());
        assertEquals(Duration.ofSeconds(30), s.resendAfter());
        assertEquals(null, s.username());
    }

    @Test
    void rejectsValuesNamingTheField() {
        assertMessage("gateId", () -> UplinkSettings.of("tcp://h:1883", "bad gate", BOOT));
        assertMessage("gateId", () -> UplinkSettings.of("tcp://h:1883", "-leading-dash", BOOT));
        assertMessage("brokerUrl", () -> UplinkSettings.of("http://h:1883", "g1", BOOT));
        assertMessage("brokerUrl", () -> UplinkSettings.of("tcp://h", "g1", BOOT));
        UplinkSettings ok = UplinkSettings.of("tcp://h:1883", "g1", BOOT);
        assertMessage("keepAlive", () -> with(ok, Duration.ofMillis(1500), 8));
        assertMessage("maxInFlight", () -> with(ok, ok.keepAlive(), 0));
        assertMessage("resendAfter", () -> ok.withResendAfter(Duration.ZERO));
        assertMessage("password", () -> ok.withCredentials(null, "secret"));
        assertMessage("boot", () -> UplinkSettings.of("tcp://h:1883", "g1", " "));
    }

    @Test
    void toStringNeverShowsThePassword() {
        String text = UplinkSettings.of("ssl://hub.example:8883", "g1", BOOT)
                .withCredentials("g1", "hunter2")
                .toString();
        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("username=g1"), text);
    }

    /** The settings of {@code ok} but {@code keepAlive} and {@code maxInFlight}, through the validating constructor. */
    private static UplinkSettings with(UplinkSettings ok, Duration keepAlive, int maxInFlight) {
        return new UplinkSettings(
                "tcp://h:1883",
                "g1",
                null,
                null,
                keepAlive,
                maxInFlight,
                ok.resendAfter(),
                BOOT,
                ok.batchSize(),
                ok.heartbeatInterval(),
                ok.shutdownFlush());
    }

    private static void assertMessage(String field, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }
}
