package org.gatepost.agent.device.scanner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;
import org.gatepost.agent.testing.Bytes;
import org.junit.jupiter.api.Test;

/** Vectors from the GM65 / GM60 manuals and GM812 notes; every CRC was recomputed independently. */
class Gm65CommandsTest {

    @Test
    void triggerOneScanMatchesTheManual() {
        assertArrayEquals(
                Bytes.of(
                        0x7E, 0x00, // header
                        0x08, // write zone
                        0x01, // one data byte
                        0x00, 0x02, // zone 0x0002: trigger
                        0x01, // 01 = scan once
                        0x02, 0xDA), // CRC-16/XMODEM of 08 01 00 02 01
                Gm65Commands.triggerScan());
    }

    @Test
    void writingTheModeZoneMatchesTheManual() {
        assertArrayEquals(
                Bytes.of(
                        0x7E, 0x00, 0x08, 0x01, 0x00, 0x00, // zone 0x0000: mode and lights
                        0xF5, // ...01 in bits 1-0: command-triggered mode
                        0xCB, 0x23), // CRC of 08 01 00 00 F5
                Gm65Commands.writeZone(Gm65Commands.ZONE_MODE, 0xF5));
    }

    @Test
    void saveToFlashMatchesTheManual() {
        assertArrayEquals(
                Bytes.of(
                        0x7E, 0x00, 0x09, // save zones
                        0x01, 0x00, 0x00, 0x00, 0xDE, 0xC8), // CRC of 09 01 00 00 00
                Gm65Commands.saveZones());
    }

    @Test
    void baudCommandsMatchTheGm812Notes() {
        // set 9600 baud: two data bytes 39 01 at zone 0x002A
        assertArrayEquals(
                Bytes.of(0x7E, 0x00, 0x08, 0x02, 0x00, 0x2A, 0x39, 0x01, 0xA7, 0xEA),
                Gm65Commands.writeZone(Gm65Commands.ZONE_BAUD, 0x39, 0x01));
        // query baud: read two bytes from zone 0x002A
        assertArrayEquals(
                Bytes.of(0x7E, 0x00, 0x07, 0x01, 0x00, 0x2A, 0x02, 0xD8, 0x0F),
                Gm65Commands.readZone(Gm65Commands.ZONE_BAUD, 2));
    }

    @Test
    void crcIsXmodemOverTheGivenRange() {
        // the standard CRC-16/XMODEM check value over ASCII "123456789"
        assertEquals(0x31C3, Gm65Commands.crc16Xmodem("123456789".getBytes(), 0, 9));
        // the module's ACK 02 00 00 01 00 33 31 carries the CRC of 00 00 01 00
        assertEquals(0x3331, Gm65Commands.crc16Xmodem(Bytes.of(0x02, 0x00, 0x00, 0x01, 0x00), 1, 4));
    }

    @Test
    void tailBitsAreSixAndFiveOfZone0x0060AndOtherBitsAreKept() {
        assertEquals(0b1000_0001, Gm65Commands.withTail(0b1110_0001, Terminator.CR));
        assertEquals(0b1010_0001, Gm65Commands.withTail(0b1000_0001, Terminator.CRLF));
        assertEquals(0b0100_0000, Gm65Commands.withTail(0, Terminator.TAB));
        assertEquals(0b0110_0000, Gm65Commands.withTail(0, Terminator.NONE));
        for (Terminator t : Terminator.values()) {
            assertEquals(t, Gm65Commands.tailOf(Gm65Commands.withTail(0x9F, t)));
        }
    }

    @Test
    void rejectsValuesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> Gm65Commands.writeZone(0x10000, 1));
        assertThrows(IllegalArgumentException.class, () -> Gm65Commands.writeZone(0, 256));
        assertThrows(IllegalArgumentException.class, () -> Gm65Commands.writeZone(0));
    }
}
