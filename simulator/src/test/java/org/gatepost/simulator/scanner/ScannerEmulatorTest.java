package org.gatepost.simulator.scanner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.testing.DeviceWire;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** What the emulator puts on the wire, byte for byte, read raw from the host end of an in-memory pair. */
class ScannerEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HEALTH_CODE = "健康码:绿码";

    private final MemorySerialLink[] pair = MemorySerialLink.pair("scanner", 5);
    private final DeviceWire wire = new DeviceWire(pair[0]);

    @AutoClose
    private final ScannerEmulator emulator = new ScannerEmulator(pair[1]).start();

    @Test
    void aDefaultScanIsGbkBytesAndCr() throws Exception {
        emulator.scan(HEALTH_CODE);

        assertArrayEquals(
                bytes(0xBD, 0xA1, 0xBF, 0xB5, 0xC2, 0xEB, 0x3A, 0xC2, 0xCC, 0xC2, 0xEB, 0x0D),
                wire.awaitBytes(12, WAIT));
    }

    @Test
    void writesTheChosenCharsetAndTail() throws Exception {
        emulator.scan("码", StandardCharsets.UTF_8, Terminator.CRLF);
        emulator.scan("A", StandardCharsets.US_ASCII, Terminator.TAB);
        emulator.scan("B", StandardCharsets.US_ASCII, Terminator.NONE);

        assertArrayEquals(bytes(0xE7, 0xA0, 0x81, 0x0D, 0x0A, 'A', 0x09, 'B'), wire.awaitBytes(8, WAIT));
    }

    @Test
    void theConfiguredOutputAppliesToLaterScans() throws Exception {
        emulator.configure(StandardCharsets.UTF_8, Terminator.CRLF);

        emulator.scan("码");

        assertArrayEquals(bytes(0xE7, 0xA0, 0x81, 0x0D, 0x0A), wire.awaitBytes(5, WAIT));
    }

    @Test
    void faultsLoseTheTailSendOversizeCodesAndGarbage() throws Exception {
        emulator.omitNextTerminator();
        emulator.scan("X");
        emulator.injectOversize(5);
        emulator.injectGarbage(new byte[] {0x00, (byte) 0xFF});
        emulator.scan("Y");

        assertArrayEquals(bytes('X', 'Z', 'Z', 'Z', 'Z', 'Z', 0x0D, 0x00, 0xFF, 'Y', 0x0D), wire.awaitBytes(11, WAIT));
    }

    @Test
    void pacedOutputTakesAboutAMillisecondPerByteAt9600Baud() throws Exception {
        emulator.pace(true);
        String code = "https://jkm.example/q?t=" + "7".repeat(276); // 300 bytes
        long start = System.nanoTime();

        emulator.scan(code, Charset.forName("GBK"), Terminator.CR);
        byte[] got = wire.awaitBytes(301, WAIT);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertArrayEquals((code + "\r").getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(got, 301));
        assertTrue(elapsedMs >= 300, "300 bytes at 9600 baud take about 313 ms, took " + elapsedMs);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
