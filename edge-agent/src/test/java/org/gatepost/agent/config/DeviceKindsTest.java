package org.gatepost.agent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Device kinds are parsed once into enums; the documented values, any case, and nothing else. */
class DeviceKindsTest {
    @TempDir
    Path dir;

    private static Properties minimal() {
        Properties p = new Properties();
        p.setProperty("gate.id", "north-gate");
        p.setProperty("community.secret", "0123456789abcdef");
        p.setProperty("thermometer.port", "/dev/ttyUSB0");
        p.setProperty("idcard.port", "tcp://127.0.0.1:4001");
        p.setProperty("console.pin", "2468");
        return p;
    }

    @Test
    void theThermometerKindDefaultsToGyMcuAndReadsTheDocumentedValuesInAnyCase() throws Exception {
        assertEquals(ThermometerKind.GY_MCU, AgentConfig.parse(minimal(), dir).thermometerKind());
        Properties p = minimal();
        p.setProperty("thermometer.protocol", "MODBUS");
        AgentConfig c = AgentConfig.parse(p, dir);
        assertEquals(ThermometerKind.MODBUS, c.thermometerKind());
        assertEquals("modbus", c.thermometerProtocol());
    }

    @Test
    void anUnknownThermometerKindNamesTheKeyAndTheAcceptedValues() {
        Properties p = minimal();
        p.setProperty("thermometer.protocol", "DS18B20");
        ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.parse(p, dir));
        assertEquals("thermometer.protocol", e.key());
        assertEquals("thermometer.protocol: must be gy-mcu or modbus, got 'ds18b20'", e.getMessage());
    }

    @Test
    void everyReaderKindIsReadFromItsDocumentedValue() throws Exception {
        Properties p = minimal();
        p.setProperty("readers", "a,b,c,d");
        p.setProperty("reader.a.protocol", "rdm6300");
        p.setProperty("reader.a.port", "/dev/ttyS1");
        p.setProperty("reader.b.protocol", "QR");
        p.setProperty("reader.b.port", "/dev/ttyS2");
        p.setProperty("reader.c.protocol", "wiegand");
        p.setProperty("reader.c.d0", "5");
        p.setProperty("reader.c.d1", "6");
        p.setProperty("reader.d.protocol", "sam");
        p.setProperty("reader.d.port", "/dev/ttyS3");
        AgentConfig c = AgentConfig.parse(p, dir);
        assertEquals(java.util.List.of(ReaderKind.RDM6300, ReaderKind.QR, ReaderKind.WIEGAND, ReaderKind.SAM),
                c.readers().stream().map(ReaderConfig::kind).toList());
        assertEquals("qr", c.readers().get(1).protocol());
        assertEquals(115200, c.readers().get(3).baud(), "a SAM reader's default baud");
    }

    @Test
    void anUnknownReaderKindNamesTheKeyAndTheAcceptedValues() {
        Properties p = minimal();
        p.setProperty("readers", "door");
        p.setProperty("reader.door.protocol", "nfc");
        ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.parse(p, dir));
        assertEquals("reader.door.protocol", e.key());
        assertEquals("reader.door.protocol: must be one of rdm6300, qr, wiegand, sam, got 'nfc'", e.getMessage());
    }
}
