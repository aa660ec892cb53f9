package org.gatepost.agent.device.thermometer;

import org.gatepost.agent.device.codec.FrameReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemperatureFrameFuzzTest {
    private static final int MIN_RANDOM_BYTES = 1_000_000;

    @Test
    void findsEveryGoodFrameInterleavedWithAMillionRandomBytesAndNeverThrows() {
        SplittableRandom random = new SplittableRandom(0x90614L);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<TemperatureFrame> interleaved = new ArrayList<>();
        int randomBytes = 0;
        while (randomBytes < MIN_RANDOM_BYTES) {
            byte[] noise = new byte[random.nextInt(0, 300)];
            random.nextBytes(noise);
            if (random.nextInt(4) == 0) sprinkleHeaders(noise, random);
            stream.writeBytes(noise);
            randomBytes += noise.length;
            // a distinct object value per frame, so a frame conjured out of noise cannot stand in for it
            TemperatureFrame frame = new TemperatureFrame(interleaved.size() % 30000, random.nextInt(-4000, 12501));
            interleaved.add(frame);
            stream.writeBytes(GyMcuCodec.encodeFrame(frame.objectCentiC(), frame.ambientCentiC()));
        }
        byte[] bytes = stream.toByteArray();
        FrameReader<TemperatureFrame> reader = new FrameReader<>(GyMcuCodec.frameDecoder(), 64);
        List<TemperatureFrame> decoded = new ArrayList<>();

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int pos = 0; pos < bytes.length; ) {
                int n = Math.min(random.nextInt(1, 64), bytes.length - pos);
                reader.feed(bytes, pos, n, decoded::add, null);
                pos += n;
            }
        });

        assertTrue(randomBytes >= MIN_RANDOM_BYTES);
        assertEquals(interleaved.size(), countInOrder(interleaved, decoded), "interleaved good frames found in order");
        assertTrue(reader.malformed() > 0, "noise must be reported as malformed");
        assertTrue(reader.buffered() < GyMcuCodec.FRAME_LENGTH, "at most a partial frame is left: " + reader.buffered());
    }

    /** Plants header fragments in the noise, so resynchronisation after near-misses is exercised too. */
    private static void sprinkleHeaders(byte[] noise, SplittableRandom random) {
        byte[] prefix = {0x5A, 0x5A, 0x45, 0x04};
        for (int k = 0; k < 3 && noise.length > 8; k++) {
            int at = random.nextInt(noise.length - 4);
            System.arraycopy(prefix, 0, noise, at, random.nextInt(1, 5));
        }
    }

    /** How many of {@code expected} appear in {@code actual} as a subsequence (same order, gaps allowed). */
    private static int countInOrder(List<TemperatureFrame> expected, List<TemperatureFrame> actual) {
        int found = 0;
        for (TemperatureFrame f : actual) {
            if (found < expected.size() && expected.get(found).equals(f)) found++;
        }
        return found;
    }
}
