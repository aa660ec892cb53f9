package org.gatepost.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.gatepost.agent.testing.AgentProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleConfigTest {
    @TempDir
    Path dir;

    private ConsoleConfig parse(String... keyValues) throws ConfigException {
        return AgentConfig.parse(AgentProperties.required(keyValues), dir).console();
    }

    private ConfigException rejected(String... keyValues) {
        return assertThrows(ConfigException.class, () -> parse(keyValues));
    }

    @Test
    void withAPinTheConsoleIsOnForTheNetworkOnPort8088ForTwelveHourSessions() throws Exception {
        ConsoleConfig c = parse("console.pin", "2468");
        assertTrue(c.enabled());
        assertEquals("0.0.0.0", c.bind());
        assertEquals(8088, c.port());
        assertEquals(Optional.of("2468"), c.pin());
        assertEquals(Duration.ofHours(12), c.sessionTimeout());
    }

    @Test
    void withoutAPinTheConsoleListensOnThisMachineOnly() throws Exception {
        ConsoleConfig c = parse();
        assertTrue(c.enabled());
        assertEquals("127.0.0.1", c.bind());
        assertEquals(Optional.empty(), c.pin());
    }

    @Test
    void aConsoleOnTheNetworkWithoutAPinIsRejectedSayingHowToFixIt() {
        ConfigException e = rejected("console.bind", "0.0.0.0");
        assertEquals("console.pin", e.key());
        assertTrue(
                e.getMessage()
                        .startsWith("console.pin: is required when console.bind (0.0.0.0) is not a loopback address"),
                e.getMessage());
        assertTrue(e.getMessage().contains("console.enabled=false"), e.getMessage());
        assertEquals("console.pin", rejected("console.bind", "192.168.1.20").key());
    }

    @Test
    void onLoopbackOrDisabledNoPinIsNeeded() throws Exception {
        assertEquals(Optional.empty(), parse("console.bind", "127.0.0.1").pin());
        assertEquals(Optional.empty(), parse("console.bind", "::1").pin());
        assertEquals(Optional.empty(), parse("console.bind", "localhost").pin());
        assertFalse(parse("console.enabled", "false").enabled());
    }

    @Test
    void eachBadValueNamesItsKey() {
        assertEquals(
                "console.pin: must be 4 to 8 digits",
                rejected("console.pin", "123").getMessage());
        assertEquals(
                "console.pin: must be 4 to 8 digits",
                rejected("console.pin", "123456789").getMessage());
        assertEquals(
                "console.pin: must be 4 to 8 digits",
                rejected("console.pin", "12a4").getMessage());
        assertTrue(rejected("console.bind", "gate.local", "console.pin", "2468")
                .getMessage()
                .startsWith("console.bind: must be an IP address"));
        assertTrue(rejected("console.bind", "300.1.1.1", "console.pin", "2468")
                .getMessage()
                .startsWith("console.bind: must be an IP address"));
        assertTrue(rejected("console.port", "70000", "console.pin", "2468")
                .getMessage()
                .startsWith("console.port: must be between 0 and 65535"));
        assertTrue(
                rejected("console.enabled", "maybe").getMessage().startsWith("console.enabled: must be true or false"));
        assertTrue(rejected("console.session-timeout", "30s", "console.pin", "2468")
                .getMessage()
                .startsWith("console.session-timeout: must be between"));
    }

    @Test
    void theWrongPinIsNotEchoedInTheErrorAndThePinNeverInToString() throws Exception {
        assertFalse(rejected("console.pin", "98765432109").getMessage().contains("98765432109"));
        ConsoleConfig c = parse("console.pin", "97531");
        assertFalse(c.toString().contains("97531"), c.toString());
        assertFalse(AgentConfig.parse(AgentProperties.required("console.pin", "97531"), dir)
                .toString()
                .contains("97531"));
    }

    @Test
    void theRecordRefusesANetworkConsoleWithoutAPin() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ConsoleConfig(true, "0.0.0.0", 8088, Optional.empty(), Duration.ofHours(1)));
        assertEquals(0, ConsoleConfig.loopback(0).port());
    }
}
