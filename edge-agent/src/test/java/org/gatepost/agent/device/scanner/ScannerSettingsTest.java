package org.gatepost.agent.device.scanner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;
import org.gatepost.agent.device.scanner.ScannerSettings.TextEncoding;
import org.gatepost.agent.testing.Bytes;
import org.junit.jupiter.api.Test;

class ScannerSettingsTest {

    @Test
    void defaultsFollowTheModuleAndTheReferenceNotes() {
        ScannerSettings d = ScannerSettings.DEFAULT;

        assertEquals(Terminator.CR, d.terminator());
        assertEquals(Duration.ofMillis(100), d.idleGap());
        assertEquals(2048, d.maxLengthBytes());
        assertEquals(TextEncoding.GBK, d.encoding());
        assertEquals(Duration.ofSeconds(1), d.duplicateWindow());
    }

    @Test
    void parsesTerminatorsAndEncodingsAsWrittenInConfiguration() {
        assertEquals(Terminator.CRLF, Terminator.parse(" crlf "));
        assertEquals(Terminator.NONE, Terminator.parse("None"));
        assertEquals(TextEncoding.UTF_8, TextEncoding.parse("UTF-8"));
        assertEquals(TextEncoding.UTF_8, TextEncoding.parse("utf8"));
        assertEquals(TextEncoding.GBK, TextEncoding.parse("gbk"));
        assertEquals(TextEncoding.AUTO, TextEncoding.parse("auto"));
    }

    @Test
    void aBadValueNamesWhatIsAllowed() {
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Terminator.parse("lf"));
        assertTrue(t.getMessage().contains("cr, crlf, tab or none"), t.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextEncoding.parse("big5"));
        assertTrue(e.getMessage().contains("GBK, UTF-8 or auto"), e.getMessage());
        IllegalArgumentException m =
                assertThrows(IllegalArgumentException.class, () -> ScannerSettings.DEFAULT.withMaxLengthBytes(0));
        assertTrue(m.getMessage().startsWith("maxLengthBytes"), m.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScannerSettings.DEFAULT.withMaxLengthBytes(65_537));
        assertThrows(IllegalArgumentException.class, () -> ScannerSettings.DEFAULT.withIdleGap(Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> ScannerSettings.DEFAULT.withDuplicateWindow(Duration.ofMillis(-1)));
    }

    @Test
    void terminatorBytesAreTheTailsOnTheWire() {
        assertArrayEquals(Bytes.of(0x0D), Terminator.CR.bytes());
        assertArrayEquals(Bytes.of(0x0D, 0x0A), Terminator.CRLF.bytes());
        assertArrayEquals(Bytes.of(0x09), Terminator.TAB.bytes());
        assertArrayEquals(new byte[0], Terminator.NONE.bytes());
    }
}
