package org.gatepost.agent.device.wiegand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The encoder and parity check against the reference's worked bit strings, written out by hand. */
class WiegandFormatTest {
    /** FC 1 / card 1, the ZKTeco configuration guide's W26 example. */
    static final String FC1_CARD1 = "1" // bit 1: even parity over bits 2-13 (00000001 0000 holds one 1 -> 1)
            + " 00000001" // bits 2-9: facility 1
            + " 0000000000000001" // bits 10-25: card 1
            + " 0"; // bit 26: odd parity over bits 14-25 (000000000001 holds one 1 -> 0)

    /** FC 59 / card 20934 (the RDM6300 tag 0x003B51C6 as W26), 0x276A38C. */
    static final String FC59_CARD20934 = "1" // even parity: 00111011 0101 holds seven 1s -> 1
            + " 00111011" // facility 59 = 0x3B
            + " 0101000111000110" // card 20934 = 0x51C6
            + " 0"; // odd parity: 000111000110 holds five 1s -> 0

    /** 0x003B51C6 as W34. */
    static final String W34_003B51C6 = "1" // even parity over bits 2-17: 0x003B holds five 1s -> 1
            + " 0000000000111011" // bits 2-17: 0x003B
            + " 0101000111000110" // bits 18-33: 0x51C6 (seven 1s)
            + " 0"; // odd parity over bits 18-33: seven 1s already odd -> 0

    @Test
    void encodesTheWorkedW26BitStrings() {
        assertEquals(Bits.value(FC1_CARD1), WiegandFormat.W26.encode(1, 1));
        assertEquals(Bits.value(FC59_CARD20934), WiegandFormat.W26.encode(59, 20934));
        assertEquals(Bits.value("10011101101010001110001100"), WiegandFormat.W26.encode(59, 20934));
        assertEquals(0x276A38CL, WiegandFormat.W26.encode(59, 20934));
    }

    @Test
    void encodesTheWorkedW34BitString() {
        assertEquals(Bits.value(W34_003B51C6), WiegandFormat.W34.encode(0x003B, 0x51C6));
    }

    @Test
    void decodesTheWorkedBitStringsIntoFacilityAndCard() {
        assertEquals(new WiegandFrame(WiegandFormat.W26, 1, 1), WiegandFormat.W26.decode(Bits.value(FC1_CARD1)));
        assertEquals(
                new WiegandFrame(WiegandFormat.W26, 59, 20934), WiegandFormat.W26.decode(Bits.value(FC59_CARD20934)));
        assertEquals(
                new WiegandFrame(WiegandFormat.W34, 0x003B, 0x51C6),
                WiegandFormat.W34.decode(Bits.value(W34_003B51C6)));
    }

    @Test
    void reportsW26AsFacilityColonCardAndW34AsOne32BitDecimalNumber() {
        assertEquals("59:20934", new WiegandFrame(WiegandFormat.W26, 59, 20934).credentialNumber());
        assertEquals("1:1", new WiegandFrame(WiegandFormat.W26, 1, 1).credentialNumber());
        assertEquals("3887558", new WiegandFrame(WiegandFormat.W34, 0x003B, 0x51C6).credentialNumber()); // 0x003B51C6
        assertEquals("4294967295", new WiegandFrame(WiegandFormat.W34, 0xFFFF, 0xFFFF).credentialNumber());
    }

    @Test
    void rendersTheFrameAsItsBitString() {
        assertEquals(Bits.clean(FC59_CARD20934), new WiegandFrame(WiegandFormat.W26, 59, 20934).bitString());
        assertEquals(Bits.clean(W34_003B51C6), new WiegandFrame(WiegandFormat.W34, 0x003B, 0x51C6).bitString());
    }

    @Test
    void everyFlippedBitInTheFirstHalfBreaksTheEvenParityAndInTheSecondHalfTheOddParity() {
        for (WiegandFormat format : WiegandFormat.values()) {
            String good = new WiegandFrame(format, 0x2B & format.maxFacility(), 0x51C6).bitString();
            int half = format.parityHalf();
            for (int position = 1; position <= format.bits(); position++) {
                String expected =
                        position <= half + 1 ? WiegandRejection.BAD_PARITY_EVEN : WiegandRejection.BAD_PARITY_ODD;
                assertEquals(
                        new WiegandRejection(expected, format.bits()),
                        format.decode(Bits.value(Bits.flip(good, position))),
                        format + " with bit " + position + " flipped");
            }
        }
    }

    @Test
    void aFrameWrongInBothHalvesReadsAsBadEvenParity() {
        String bothWrong = Bits.flip(Bits.flip(FC1_CARD1, 1), 26);

        assertEquals(
                new WiegandRejection(WiegandRejection.BAD_PARITY_EVEN, 26),
                WiegandFormat.W26.decode(Bits.value(bothWrong)));
    }

    @Test
    void rejectsValuesThatDoNotFitTheirField() {
        assertThrows(IllegalArgumentException.class, () -> WiegandFormat.W26.encode(256, 1));
        assertThrows(IllegalArgumentException.class, () -> WiegandFormat.W26.encode(1, 65536));
        assertThrows(IllegalArgumentException.class, () -> WiegandFormat.W34.encode(65536, 1));
        assertThrows(IllegalArgumentException.class, () -> WiegandFormat.W34.encode(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new WiegandFrame(WiegandFormat.W26, 300, 1));
    }

    @Test
    void findsTheFormatByBitCount() {
        assertEquals(Optional.of(WiegandFormat.W26), WiegandFormat.ofBitCount(26));
        assertEquals(Optional.of(WiegandFormat.W34), WiegandFormat.ofBitCount(34));
        assertEquals(Optional.empty(), WiegandFormat.ofBitCount(35));
        assertEquals(12, WiegandFormat.W26.parityHalf());
        assertEquals(16, WiegandFormat.W34.parityHalf());
    }

    @Test
    void frameToStringShowsNeitherFacilityNorCard() {
        String text = new WiegandFrame(WiegandFormat.W26, 59, 20934).toString();

        assertFalse(text.contains("59"), text);
        assertFalse(text.contains("20934"), text);
        assertEquals("WiegandFrame[format=W26]", text);
    }
}
