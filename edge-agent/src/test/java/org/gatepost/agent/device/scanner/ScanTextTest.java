package org.gatepost.agent.device.scanner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.gatepost.agent.device.scanner.ScannerSettings.TextEncoding;
import org.gatepost.agent.testing.Bytes;
import org.junit.jupiter.api.Test;

class ScanTextTest {
    private static final String HEALTH_CODE = "健康码:绿码";
    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void decodesGbkChineseText() throws Exception {
        byte[] gbk = HEALTH_CODE.getBytes(GBK);
        // 健 BDA1, 康 BFB5, 码 C2EB, ':' 3A, 绿 C2CC, 码 C2EB: two bytes per Han character
        assertArrayEquals(Bytes.of(0xBD, 0xA1, 0xBF, 0xB5, 0xC2, 0xEB, 0x3A, 0xC2, 0xCC, 0xC2, 0xEB), gbk);

        assertEquals(HEALTH_CODE, ScanText.decode(gbk, TextEncoding.GBK));
        assertEquals(HEALTH_CODE, ScanText.decode(gbk, TextEncoding.AUTO), "GBK bytes are not valid UTF-8");
    }

    @Test
    void decodesUtf8ChineseText() throws Exception {
        byte[] utf8 = HEALTH_CODE.getBytes(StandardCharsets.UTF_8);

        assertEquals(HEALTH_CODE, ScanText.decode(utf8, TextEncoding.UTF_8));
        assertEquals(HEALTH_CODE, ScanText.decode(utf8, TextEncoding.AUTO));
    }

    @Test
    void asciiIsTheSameInEveryEncoding() throws Exception {
        byte[] url = "https://jkm.example/q?t=8f3a".getBytes(StandardCharsets.US_ASCII);

        for (TextEncoding e : TextEncoding.values()) {
            assertEquals("https://jkm.example/q?t=8f3a", ScanText.decode(url, e));
        }
    }

    @Test
    void rejectsBytesThatAreNotValidInTheEncoding() {
        assertEquals("bad-encoding", reason(HEALTH_CODE.getBytes(GBK), TextEncoding.UTF_8));
        assertEquals("bad-encoding", reason(Bytes.of(0x41, 0x81), TextEncoding.GBK)); // a lead byte with no trail
        assertEquals("bad-encoding", reason(Bytes.of(0xFF, 0xFF), TextEncoding.AUTO)); // neither UTF-8 nor GBK
    }

    @Test
    void rejectsControlCharactersAsLineNoise() {
        assertEquals("bad-text", reason(Bytes.of(0x41, 0x00, 0x42), TextEncoding.GBK));
        assertEquals("bad-text", reason(Bytes.of(0x41, 0x1B), TextEncoding.UTF_8));
        assertEquals("bad-text", reason(Bytes.of(0xC2, 0x85), TextEncoding.UTF_8)); // U+0085, a C1 control
    }

    @Test
    void theRejectionNeverCarriesTheText() {
        UnreadableScanException e = assertThrows(
                UnreadableScanException.class,
                () -> ScanText.decode("SECRET\u0007".getBytes(StandardCharsets.US_ASCII), TextEncoding.UTF_8));

        assertEquals("bad-text", e.getMessage());
    }

    private static String reason(byte[] line, TextEncoding encoding) {
        return assertThrows(UnreadableScanException.class, () -> ScanText.decode(line, encoding))
                .reason();
    }
}
