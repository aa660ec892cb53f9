package org.gatepost.agent.config;

import static org.gatepost.agent.testing.AgentProperties.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device kinds are parsed once into enums: the documented values, in any case, and nothing else. */
class DeviceKindsTest {
    @TempDir
    Path dir;

    @Test
    void theThermometerKindDefaultsToGyMcuAndReadsTheDocumentedValuesInAnyCase() throws Exception {
        assertEquals(ThermometerKind.GY_MCU, AgentConfig.parse(minimal(), dir).thermometerKind());
        Properties p = minimal();
        p.setProperty("thermometer.protocol", "MODBUS");
        AgentConfig c = AgentConfig.parse(p, dir);
        assertEquals(ThermometerKind.MODBUS, c.thermometerKind());
        assertEquals("modbus", c.thermometerProtocol());
        assertEquals("gy-mcu", ThermometerKind.GY_MCU.wire());
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
        for (ReaderKind kind : ReaderKind.values()) {
            Properties p = minimal();
            p.setProperty("readers", "r1");
            p.setProperty("reader.r1.protocol", kind.wire().toUpperCase(Locale.ROOT));
            switch (kind) {
                case WIEGAND -> {
                    p.setProperty("reader.r1.d0", "5");
                    p.setProperty("reader.r1.d1", "6");
                }
                case RDM6300, QR, SAM -> p.setProperty("reader.r1.port", "/dev/ttyS1");
            }
            ReaderConfig r = AgentConfig.parse(p, dir).readers().getFirst();
            assertEquals(kind, r.kind());
            assertEquals(kind.wire(), r.protocol());
        }
        assertEquals("rdm6300", ReaderKind.RDM6300.wire());
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
