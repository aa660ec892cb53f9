package org.gatepost.agent.device.idcard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdCardTextTest {

    @Test
    void decodesTheWorkedBlockFieldByFieldTrimmingThePadding() {
        IdCardText.Fields f = IdCardText.decode(SamCodecTest.workedTextBlock(), 0);
        assertEquals("张三", f.name());
        assertEquals("2", f.gender());
        assertEquals("01", f.nation());
        assertEquals("19491231", f.birth());
        assertEquals("北京市朝阳区示例路1号", f.address());
        assertEquals("11010519491231002X", f.idNumber());
        assertEquals("北京市公安局朝阳分局", f.authority());
        assertEquals("20150101", f.validFrom());
        assertEquals(IdCardText.LONG_TERM, f.validUntil());
    }

    @Test
    void decodesAtAnOffsetInsideALargerBuffer() {
        byte[] buf = new byte[300];
        System.arraycopy(SamCodecTest.workedTextBlock(), 0, buf, 21, 256);
        assertEquals(SamCodecTest.workedFields(), IdCardText.decode(buf, 21));
        assertThrows(IllegalArgumentException.class, () -> IdCardText.decode(buf, 45));
    }

    @Test
    void encodesFieldsAtTheirOffsetsWithSpacePadding() {
        IdCardText.Fields f = new IdCardText.Fields(
                "李四", "1", "03", "20000229", "", "440524188001010014", "", "20200101", "20400101");
        byte[] block = IdCardText.encode(f);
        assertEquals(256, block.length);
        assertEquals("李四" + " ".repeat(13), text(block, 0, 30));
        assertEquals("1", text(block, 30, 32));
        assertEquals("440524188001010014", text(block, 122, 158));
        assertEquals("20400101", text(block, 204, 220));
        assertEquals(" ".repeat(18), text(block, 220, 256));
        assertEquals(f, IdCardText.decode(block, 0));
    }

    @Test
    void encodingRefusesAFieldWiderThanItsSlotWithoutEchoingTheValue() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SamCodecTest.workedFields().withIdNumber("11010519491231002X9"));
        assertEquals("idNumber longer than 18 characters: 19", e.getMessage());
    }

    @Test
    void decodesArbitraryBytesWithoutThrowing() {
        Random rnd = new Random(7);
        byte[] block = new byte[256];
        for (int i = 0; i < 2000; i++) {
            rnd.nextBytes(block);
            IdCardText.decode(block, 0);
        }
        Arrays.fill(block, (byte) 0xD8); // lone high surrogates everywhere
        IdCardText.decode(block, 0);
    }

    @Test
    void fieldsToStringMasksTheNumberAndTheNameAndOmitsTheAddress() {
        String s = SamCodecTest.workedFields().toString();
        assertFalse(s.contains("11010519491231002X"));
        assertFalse(s.contains("张三"));
        assertFalse(s.contains("北京市朝阳区"));
        assertEquals("Fields[name=张*, gender=2, nation=01, idNumber=110105********002X, validUntil=长期]", s);
    }

    @Test
    void encodeThenDecodeKeepsEveryField() {
        IdCardText.Fields f = SamCodecTest.workedFields();
        assertArrayEquals(IdCardText.encode(f), IdCardText.encode(IdCardText.decode(IdCardText.encode(f), 0)));
    }

    private static String text(byte[] block, int from, int to) {
        return new String(block, from, to - from, StandardCharsets.UTF_16LE);
    }
}
