package org.gatepost.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;
import org.gatepost.agent.testing.AgentProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
    @TempDir
    Path dir;

    private ConfigException rejected(String key, String value) {
        Properties p = AgentProperties.minimal();
        if (value == null) {
            p.remove(key);
        } else {
            p.setProperty(key, value);
        }
        return rejected(p);
    }

    private ConfigException rejected(Properties p) {
        return assertThrows(ConfigException.class, () -> AgentConfig.parse(p, dir));
    }

    @Test
    void minimalFileGetsTheDocumentedDefaults() throws Exception {
        AgentConfig c = AgentConfig.parse(AgentProperties.minimal(), dir);
        assertEquals("tcp://127.0.0.1:1883", c.mqttUrl());
        assertEquals(dir.resolve("gatepost-agent.db"), c.storePath());
        assertEquals(9600, c.thermometerBaud());
        assertEquals(115200, c.idcardBaud());
        assertEquals(0.0, c.thermometerOffset());
        assertEquals(37.3, c.feverThreshold());
        assertEquals(Duration.ofSeconds(3), c.measureWindow());
        assertEquals(3, c.measureSamples());
        assertEquals("auto", c.gpio().mode());
        assertEquals(23, c.gpio().relayPin());
    }

    @Test
    void theExampleFileInDocsIsValid() throws Exception {
        AgentConfig c = AgentConfig.load(Path.of("../docs/agent.example.properties"));
        assertEquals("north-gate", c.gateId());
        assertEquals(0.9, c.thermometerOffset());
    }

    @Test
    void eachBadValueNamesItsKeyAndTheProblem() {
        assertTrue(rejected("gate.id", null).getMessage().startsWith("gate.id: is required"));
        assertTrue(rejected("gate.id", "north gate").getMessage().startsWith("gate.id: must be"));
        assertTrue(
                rejected("community.secret", "short").getMessage().startsWith("community.secret: must be at least 16"));
        assertTrue(rejected("thermometer.port", null).getMessage().startsWith("thermometer.port: is required"));
        assertTrue(rejected("idcard.port", null).getMessage().startsWith("idcard.port: is required"));
        assertEquals(
                "thermometer.baud: must be an integer, got 'fast'",
                rejected("thermometer.baud", "fast").getMessage());
        assertTrue(
                rejected("idcard.baud", "9601").getMessage().startsWith("idcard.baud: must be a standard baud rate"));
        assertTrue(
                rejected("thermometer.offset", "abc").getMessage().startsWith("thermometer.offset: must be a number"));
        assertTrue(rejected("fever.threshold", "50")
                .getMessage()
                .startsWith("fever.threshold: must be between 35.0 and 42.0"));
        assertTrue(
                rejected("measure.window", "3 parsecs").getMessage().startsWith("measure.window: must be a duration"));
        assertTrue(rejected("mqtt.url", "http://x").getMessage().startsWith("mqtt.url: must start with tcp://"));
        assertTrue(rejected("mqtt.password", "x")
                .getMessage()
                .startsWith("mqtt.password: is set but mqtt.username is not"));
        assertTrue(rejected("gpio.mode", "real").getMessage().startsWith("gpio.mode: must be auto or mock"));
        assertTrue(rejected("gpio.relay", "40").getMessage().startsWith("gpio.relay: must be between 0 and 27"));
        assertEquals(
                "gpio.*: pin 27 is assigned twice", rejected("gpio.green", "27").getMessage());
    }

    @Test
    void ruleSettingsDefaultToTheSystemZoneNoMaskCheckAndReasonOther() throws Exception {
        GateRulesConfig r = AgentConfig.parse(AgentProperties.minimal(), dir).rules();
        assertEquals(ZoneId.systemDefault(), r.zone());
        assertEquals(false, r.maskCheck());
        assertEquals("other", r.overrideButtonReason());
        assertEquals("both", r.idcardLane());
        assertEquals(GpioConfig.NONE, r.directionPin());
        Properties p = AgentProperties.minimal();
        p.setProperty("gate.zone", "Asia/Shanghai");
        p.setProperty("mask.check", "confirm");
        p.setProperty("override.button-reason", "mask-provided");
        p.setProperty("idcard.lane", "out");
        p.setProperty("gpio.direction", "5");
        GateRulesConfig set = AgentConfig.parse(p, dir).rules();
        assertEquals(new GateRulesConfig(ZoneId.of("Asia/Shanghai"), true, "mask-provided", "out", 5), set);
    }

    @Test
    void badRuleSettingsNameTheirKeys() {
        assertTrue(rejected("gate.zone", "Mars/Olympus").getMessage().startsWith("gate.zone: must be a time zone id"));
        assertTrue(rejected("mask.check", "always").getMessage().startsWith("mask.check: must be off or confirm"));
        assertTrue(rejected("override.button-reason", "friend")
                .getMessage()
                .startsWith("override.button-reason: must be one of"));
        assertTrue(rejected("idcard.lane", "sideways").getMessage().startsWith("idcard.lane: must be in, out or both"));
        assertEquals(
                "gpio.direction: pin 23 is assigned twice",
                rejected("gpio.direction", "23").getMessage());
    }

    @Test
    void aMisspeltKeyIsRejectedByName() {
        ConfigException e = rejected("fever.treshold", "37.5");
        assertEquals("fever.treshold", e.key());
        assertTrue(e.getMessage().contains("unknown key"));
    }

    @Test
    void anUnreadableFileIsReportedWithItsPath() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> AgentConfig.load(dir.resolve("missing.properties")));
        assertTrue(e.getMessage().contains("missing.properties"));
    }

    @Test
    void relativeStorePathResolvesAgainstTheConfigFolder() throws IOException, ConfigException {
        Path f = dir.resolve("agent.properties");
        Files.writeString(
                f,
                "gate.id=g1\ncommunity.secret=0123456789abcdef\nthermometer.port=/dev/ttyUSB0\n"
                        + "idcard.port=/dev/ttyUSB1\nstore.path=data/g1.db\nconsole.bind=127.0.0.1\n",
                StandardCharsets.UTF_8);
        assertEquals(dir.resolve("data/g1.db"), AgentConfig.load(f).storePath());
    }

    @Test
    void extraReadersAreParsedPerProtocol() throws Exception {
        Properties p = AgentProperties.minimal();
        p.setProperty("readers", "rfid-east, qr-main,wg");
        p.setProperty("reader.rfid-east.protocol", "rdm6300");
        p.setProperty("reader.rfid-east.port", "/dev/gatepost-rfid");
        p.setProperty("reader.qr-main.protocol", "qr");
        p.setProperty("reader.qr-main.port", "tcp://127.0.0.1:4002");
        p.setProperty("reader.qr-main.terminator", "cr");
        p.setProperty("reader.qr-main.lane", "out");
        p.setProperty("reader.wg.protocol", "wiegand");
        p.setProperty("reader.wg.d0", "5");
        p.setProperty("reader.wg.d1", "6");
        AgentConfig c = AgentConfig.parse(p, dir);
        assertEquals(3, c.readers().size());
        ReaderConfig rfid = c.readers().get(0);
        assertEquals("rdm6300", rfid.protocol());
        assertEquals(9600, rfid.baud());
        assertEquals(Duration.ofMillis(500), rfid.quiet());
        ReaderConfig qr = c.readers().get(1);
        assertEquals("cr", qr.terminator());
        assertEquals("auto", qr.charset());
        assertEquals("out", qr.lane());
        ReaderConfig wg = c.readers().get(2);
        assertEquals(5, wg.d0Pin());
        assertEquals(6, wg.d1Pin());
        assertEquals(Duration.ofMillis(25), wg.quiet());
    }

    @Test
    void badReaderSettingsNameTheirKeys() {
        Properties p = AgentProperties.minimal();
        p.setProperty("readers", "wg");
        p.setProperty("reader.wg.protocol", "wiegand");
        p.setProperty("reader.wg.d0", "5");
        assertEquals(
                "reader.wg.d1: is required for a Wiegand reader (BCM pin of D1)",
                rejected(p).getMessage());
        p.setProperty("reader.wg.protocol", "nfc");
        assertTrue(rejected(p).getMessage().startsWith("reader.wg.protocol: must be one of"));
        assertEquals(
                "reader.ghost.protocol",
                rejected("reader.ghost.protocol", "qr").key(),
                "keys of a reader missing from the readers list are rejected, not ignored");
    }

    @Test
    void modbusThermometerSettingsAreReadOnlyForModbus() throws Exception {
        Properties p = AgentProperties.minimal();
        p.setProperty("thermometer.protocol", "modbus");
        p.setProperty("thermometer.modbus.slave", "64");
        p.setProperty("thermometer.modbus.scale", "0.1");
        p.setProperty("thermometer.modbus.ambient-register", "-1");
        AgentConfig c = AgentConfig.parse(p, dir);
        assertEquals(64, c.modbus().slave());
        assertEquals(0.1, c.modbus().scale());
        assertEquals(-1, c.modbus().ambientRegister());
        p.setProperty("thermometer.modbus.scale", "0.5");
        assertTrue(rejected(p).getMessage().startsWith("thermometer.modbus.scale: must be 0.01 or 0.1"));
        assertEquals(
                "thermometer.modbus.slave",
                rejected("thermometer.modbus.slave", "2").key(),
                "modbus keys for a GY-MCU thermometer are a mistake worth naming");
    }

    @Test
    void thermometerBaudAutoMeansProbe() throws Exception {
        Properties p = AgentProperties.minimal();
        p.setProperty("thermometer.baud", "auto");
        assertEquals(AgentConfig.AUTO_BAUD, AgentConfig.parse(p, dir).thermometerBaud());
    }

    @Test
    void offsetComesFromTheDistanceTableInterpolated() throws Exception {
        Properties p = AgentProperties.minimal();
        p.setProperty("thermometer.offset-table", "10cm:0.89, 30cm:1.36, 50cm:2.41");
        p.setProperty("thermometer.distance", "30cm");
        assertEquals(1.36, AgentConfig.parse(p, dir).thermometerOffset(), 1e-9);
        p.setProperty("thermometer.distance", "40cm");
        assertEquals((1.36 + 2.41) / 2, AgentConfig.parse(p, dir).thermometerOffset(), 1e-9);
        p.setProperty("thermometer.distance", "5cm");
        assertEquals(0.89, AgentConfig.parse(p, dir).thermometerOffset(), 1e-9);
        p.setProperty("thermometer.offset", "0.5");
        assertEquals("thermometer.offset-table", rejected(p).key());
        p.remove("thermometer.offset");
        p.setProperty("thermometer.offset-table", "10:0.89");
        assertTrue(rejected(p).getMessage().startsWith("thermometer.offset-table: rows look like 30cm:1.36"));
    }

    @Test
    void thermometerQueryModeTakesAnInterval() throws Exception {
        Properties p = AgentProperties.minimal();
        assertEquals(null, AgentConfig.parse(p, dir).thermometerQuery(), "continuous by default");
        p.setProperty("thermometer.mode", "query");
        assertEquals(Duration.ofMillis(200), AgentConfig.parse(p, dir).thermometerQuery());
        p.setProperty("thermometer.query-interval", "50ms");
        assertTrue(rejected(p).getMessage().startsWith("thermometer.query-interval: must be between"));
        p.setProperty("thermometer.query-interval", "150ms");
        p.setProperty("thermometer.mode", "burst");
        assertEquals("thermometer.mode", rejected(p).key());
    }
}
