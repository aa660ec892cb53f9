package org.gatepost.simulator.thermometer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.thermometer.GyMcuCodec;
import org.gatepost.agent.device.thermometer.TemperatureFrame;
import org.gatepost.agent.testing.Await;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ThermometerEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final MemorySerialLink[] pair = MemorySerialLink.pair("thermometer", 10);
    private final MemorySerialLink host = pair[0];

    @AutoClose
    private final ThermometerEmulator emulator = new ThermometerEmulator(pair[1]).start();

    @Test
    void answersEachQueryWithOneFrameOfTheCurrentTemperatures() throws Exception {
        emulator.aim(36.8);
        emulator.setAmbient(22.5);
        host.write(GyMcuCodec.command(GyMcuCodec.CMD_QUERY));
        assertArrayEquals(GyMcuCodec.encodeFrame(3680, 2250), readBytes(9));

        emulator.clear();
        host.write(GyMcuCodec.command(GyMcuCodec.CMD_QUERY));
        assertArrayEquals(GyMcuCodec.encodeFrame(2350, 2250), readBytes(9), "nobody in front: ambient + 1 °C");
        assertEquals(2, emulator.framesSent());
        assertEquals(2, emulator.commandsReceived());
    }

    @Test
    void streamsFramesAboutEverySeventyMillisecondsAfterTheContinuousCommand() throws Exception {
        emulator.aim(36.6);
        host.write(GyMcuCodec.command(GyMcuCodec.CMD_CONTINUOUS));
        FrameReader<TemperatureFrame> reader = new FrameReader<>(GyMcuCodec.frameDecoder(), 64);
        List<TemperatureFrame> frames = new ArrayList<>();
        byte[] chunk = new byte[64];

        long firstAt = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (frames.size() < 5 && System.nanoTime() < deadline) {
            int n = host.read(chunk, 0, chunk.length);
            reader.feed(chunk, 0, n, frames::add, null);
            if (firstAt == 0 && !frames.isEmpty()) {
                firstAt = System.nanoTime();
            }
        }
        long elapsedMillis = (System.nanoTime() - firstAt) / 1_000_000;

        assertEquals(5, frames.size(), "five frames within " + WAIT);
        assertTrue(frames.stream().allMatch(f -> f.equals(new TemperatureFrame(3660, 2500))), frames.toString());
        assertTrue(elapsedMillis >= 4 * 60, "frames must be spaced, not burst: 5 frames in " + elapsedMillis + " ms");
        assertEquals(0, reader.malformed());
    }

    @Test
    void spoilsExactlyTheFramesItWasToldTo() throws Exception {
        emulator.aim(36.6);
        byte[] good = GyMcuCodec.encodeFrame(3660, 2500);
        byte[] badChecksum = good.clone();
        badChecksum[8] ^= (byte) 0xFF;

        emulator.injectBadChecksum(1);
        host.write(GyMcuCodec.command(GyMcuCodec.CMD_QUERY));
        assertArrayEquals(badChecksum, readBytes(9));

        emulator.injectTruncated();
        host.write(GyMcuCodec.command(GyMcuCodec.CMD_QUERY));
        host.write(GyMcuCodec.command(GyMcuCodec.CMD_QUERY));
        assertArrayEquals(concat(Arrays.copyOf(good, 6), good), readBytes(15));

        emulator.injectGarbage(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, readBytes(3));
        assertEquals(3, emulator.framesSent());
    }

    @Test
    void endsItsThreadsWhenTheLinkDies() {
        host.unplug();

        Await.until("the emulator to stop", WAIT, () -> !emulator.isRunning());
    }

    @Test
    void closeClosesTheDeviceEnd() {
        emulator.close();
        emulator.close();

        assertTrue(!emulator.isRunning());
        assertThrows(IOException.class, () -> host.read(new byte[1], 0, 1));
    }

    private byte[] readBytes(int count) throws IOException {
        byte[] out = new byte[count];
        int got = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (got < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + got + " of " + count + " bytes in " + WAIT);
            }
            got += host.read(out, got, count - got);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
