package org.gatepost.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dashboard's keys: {@code http.session-timeout} and {@code admin.password}. */
class DashboardConfigTest {
    private static final String SECRET = "0123456789abcdef0123";

    @Test
    void defaultsToAnEightHourIdleTimeoutAndNoAdminPassword() {
        HubConfig c = HubConfigParser.parse(Map.of("community.secret", SECRET));

        assertEquals(Duration.ofHours(8), c.httpSessionTimeout());
        assertEquals(Optional.empty(), c.adminPassword());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"30m, PT30M", "12h, PT12H", "90s, PT1M30S", "720h, PT720H"})
    void readsTheSessionTimeoutWithItsUnit(String text, Duration expected) {
        assertEquals(
                expected,
                HubConfigParser.parse(Map.of("community.secret", SECRET, "http.session-timeout", text))
                        .httpSessionTimeout());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "8      | http.session-timeout: must be a duration like 30m or 8h",
                "8 h    | http.session-timeout: must be a duration like 30m or 8h",
                "30s    | http.session-timeout: must be between 1m and 720h",
                "721h   | http.session-timeout: must be between 1m and 720h"
            })
    void refusesABadSessionTimeoutNamingTheKey(String text, String message) {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> HubConfigParser.parse(Map.of("community.secret", SECRET, "http.session-timeout", text)));
        assertEquals(message, e.getMessage().substring(0, message.length()));
    }

    @Test
    void takesTheAdminPasswordButNeverShowsIt() {
        HubConfig c = HubConfigParser.parse(Map.of("community.secret", SECRET, "admin.password", "gate-keeper-2026"));

        assertEquals(Optional.of("gate-keeper-2026"), c.adminPassword());
        assertFalse(c.toString().contains("gate-keeper-2026"), c.toString());
    }

    @Test
    void refusesAShortAdminPassword() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> HubConfigParser.parse(Map.of("community.secret", SECRET, "admin.password", "admin")));
        assertEquals("admin.password: must be at least 8 characters", e.getMessage());
    }
}
