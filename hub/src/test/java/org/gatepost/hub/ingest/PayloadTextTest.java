package org.gatepost.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PayloadTextTest {
    @Test
    void masksAnEighteenCharacterIdNumber() {
        assertEquals(
                "{\"id_number\":\"110105********002X\"}", PayloadText.redact("{\"id_number\":\"11010519900101002X\"}"));
    }

    @Test
    void masksAFifteenDigitIdNumber() {
        assertEquals("id 110105******123 end", PayloadText.redact("id 110105900101123 end"));
    }

    @Test
    void leavesHashesAndShortNumbersAlone() {
        String hash = "d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723";
        String text = "{\"hash\":\"" + hash + "\",\"mono_ms\":5123456,\"seq\":41}";

        assertEquals(text, PayloadText.redact(text));
    }

    @Test
    void keepsAtMost64KilobytesAndReplacesInvalidUtf8() {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 'a');
        big[0] = (byte) 0xff;

        String text = PayloadText.of(big);

        assertEquals(PayloadText.MAX_BYTES, text.length());
        assertTrue(text.startsWith("\uFFFDaaa"));
        assertEquals("ok", PayloadText.of("ok".getBytes(StandardCharsets.UTF_8)));
    }
}
