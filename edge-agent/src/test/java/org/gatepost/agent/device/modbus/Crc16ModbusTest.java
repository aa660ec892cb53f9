package org.gatepost.agent.device.modbus;

import static org.gatepost.agent.testing.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16ModbusTest {

    @Test
    void computesTheCatalogueCheckValueOf123456789() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);

        assertEquals(0x4B37, Crc16Modbus.compute(check, 0, check.length));
    }

    @Test
    void computesOverAWindowWithoutTouchingBytesOutsideIt() {
        byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);

        assertEquals(0x4B37, Crc16Modbus.compute(padded, 2, 9));
    }

    @Test
    void appendsTheCrcLowByteFirst() {
        // CRC of 01 03 00 00 00 01 is 0x0A84: 84 goes first on the wire, then 0A
        assertArrayEquals(hex("01 03 00 00 00 01 84 0A"), Crc16Modbus.append(hex("01 03 00 00 00 01")));
    }

    @Test
    void theHuksefluxFrameFromSlave40PinsTheByteOrder() {
        // CRC of 40 03 10 06 00 01 is 0xDA6F; sent high byte first it would read DA 6F
        assertEquals(0xDA6F, Crc16Modbus.compute(hex("40 03 10 06 00 01"), 0, 6));
        assertTrue(Crc16Modbus.matches(hex("40 03 10 06 00 01 6F DA"), 0, 8));
        assertFalse(Crc16Modbus.matches(hex("40 03 10 06 00 01 DA 6F"), 0, 8));
    }

    @Test
    void anySingleBitFlipInAFrameFailsTheCheck() {
        byte[] frame = hex("01 03 02 0E 4C BD D1");
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] flipped = frame.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Crc16Modbus.matches(flipped, 0, flipped.length), "bit " + bit);
        }
        assertTrue(Crc16Modbus.matches(frame, 0, frame.length));
    }
}
