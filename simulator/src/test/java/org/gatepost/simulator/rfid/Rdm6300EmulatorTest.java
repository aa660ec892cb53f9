package org.gatepost.simulator.rfid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.rfid.Rdm6300Codec;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.testing.DeviceWire;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** What the emulator puts on the wire, byte for byte, read raw from the host end of an in-memory pair. */
class Rdm6300EmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** The reference's worked frame: "67003B51C6" + "CB" between STX and ETX. */
    private static final byte[] WORKED_FRAME = {
        0x02, 0x36, 0x37, 0x30, 0x30, 0x33, 0x42, 0x35, 0x31, 0x43, 0x36, 0x43, 0x42, 0x03
    };

    private final MemorySerialLink[] pair = MemorySerialLink.pair("rfid", 5);
    private final DeviceWire wire = new DeviceWire(pair[0]);

    @AutoClose
    private final Rdm6300Emulator emulator = new Rdm6300Emulator(pair[1]).start();

    @Test
    void aPresentTagSendsTheDatasheetFrameAtOnce() throws Exception {
        emulator.present(0x67, 0x003B51C6L);

        assertArrayEquals(WORKED_FRAME, wire.awaitBytes(14, WAIT));
    }

    @Test
    void repeatsTheFrameAboutEvery150MsWhileTheTagStaysAndStopsWhenRemoved() throws Exception {
        long start = System.nanoTime();
        emulator.present(3887558);
        byte[] fourFrames = wire.awaitBytes(4 * 14, WAIT);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        for (int i = 0; i < 4; i++) {
            assertArrayEquals(WORKED_FRAME, Arrays.copyOfRange(fourFrames, 14 * i, 14 * i + 14));
        }
        assertTrue(elapsedMs >= 3 * 150 - 20, "three intervals passed: " + elapsedMs + " ms");

        emulator.remove();
        wire.readFor(Duration.ofMillis(200)); // a frame may have been on its way
        long sent = emulator.framesSent();
        wire.clear();
        assertEquals(0, wire.readFor(Duration.ofMillis(400)).length, "no frames after removal");
        assertEquals(sent, emulator.framesSent());
    }

    @Test
    void aBadChecksumFrameIsStillHexButFailsTheChecksum() throws Exception {
        emulator.injectBadChecksum(1);
        emulator.present(0x67, 0x003B51C6L);

        byte[] twoFrames = wire.awaitBytes(28, WAIT);

        byte[] bad = Arrays.copyOf(twoFrames, 14);
        assertArrayEquals(Arrays.copyOf(WORKED_FRAME, 12), Arrays.copyOf(bad, 12), "data untouched");
        assertEquals(
                DecodeResult.malformed("bad-checksum", 14),
                Rdm6300Codec.decoder().decode(bad, 0, 14));
        assertArrayEquals(WORKED_FRAME, Arrays.copyOfRange(twoFrames, 14, 28), "only the next frame was spoiled");
    }

    @Test
    void aTruncatedFrameStopsAfterSevenBytesAndTheNextIsWhole() throws Exception {
        emulator.injectTruncated();
        emulator.present(0x67, 0x003B51C6L);

        byte[] bytes = wire.awaitBytes(7 + 14, WAIT);

        assertArrayEquals(Arrays.copyOf(WORKED_FRAME, 7), Arrays.copyOf(bytes, 7));
        assertArrayEquals(WORKED_FRAME, Arrays.copyOfRange(bytes, 7, 21));
    }

    @Test
    void garbageGoesOutEvenWithoutATag() throws Exception {
        emulator.injectGarbage(new byte[] {0x55, 0x02, 0x03});

        assertArrayEquals(new byte[] {0x55, 0x02, 0x03}, wire.awaitBytes(3, WAIT));
    }

    @Test
    void aSilencedModuleSendsNothingWithATagPresent() throws Exception {
        emulator.silence(true);
        emulator.present(3887558);

        assertEquals(0, wire.readFor(Duration.ofMillis(400)).length);
        emulator.silence(false);
        assertArrayEquals(WORKED_FRAME, wire.awaitBytes(14, WAIT));
    }
}
