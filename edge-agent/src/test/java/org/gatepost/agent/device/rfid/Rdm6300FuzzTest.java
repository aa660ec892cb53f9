package org.gatepost.agent.device.rfid;

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

class Rdm6300FuzzTest {
    private static final int MIN_RANDOM_BYTES = 1_000_000;

    @Test
    void findsEveryGoodFrameInterleavedWithAMillionRandomBytesAndNeverThrows() {
        SplittableRandom random = new SplittableRandom(0x6300L);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Rdm6300Frame> interleaved = new ArrayList<>();
        int randomBytes = 0;
        while (randomBytes < MIN_RANDOM_BYTES) {
            byte[] noise = new byte[random.nextInt(0, 300)];
            random.nextBytes(noise);
            if (random.nextInt(3) == 0) plantFrameFragments(noise, random);
            stream.writeBytes(noise);
            randomBytes += noise.length;
            // a distinct tag per frame, so a frame conjured out of noise cannot stand in for it
            Rdm6300Frame frame = new Rdm6300Frame(random.nextInt(256), interleaved.size());
            interleaved.add(frame);
            stream.writeBytes(Rdm6300Codec.encode(frame));
        }
        byte[] bytes = stream.toByteArray();
        FrameReader<Rdm6300Frame> reader = new FrameReader<>(Rdm6300Codec.decoder(), 32);
        List<Rdm6300Frame> decoded = new ArrayList<>();

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
        assertTrue(reader.buffered() < Rdm6300Codec.FRAME_LENGTH, "at most a partial frame is left: " + reader.buffered());
    }

    /** Plants STX plus hex runs (and whole frames cut short) in the noise, so near-misses are exercised too. */
    private static void plantFrameFragments(byte[] noise, SplittableRandom random) {
        byte[] sample = Rdm6300Codec.encode(random.nextInt(256), random.nextLong(Rdm6300Codec.MAX_TAG_ID + 1));
        for (int k = 0; k < 3 && noise.length > 16; k++) {
            int at = random.nextInt(noise.length - 14);
            System.arraycopy(sample, 0, noise, at, random.nextInt(1, 14));
        }
    }

    /** How many of {@code expected} appear in {@code actual} as a subsequence (same order, gaps allowed). */
    private static int countInOrder(List<Rdm6300Frame> expected, List<Rdm6300Frame> actual) {
        int found = 0;
        for (Rdm6300Frame f : actual) {
            if (found < expected.size() && expected.get(found).equals(f)) found++;
        }
        return found;
    }
}
