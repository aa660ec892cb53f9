package org.gatepost.agent.device.rfid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.testing.Fuzz;
import org.junit.jupiter.api.Test;

class Rdm6300FuzzTest {
    private static final int MIN_RANDOM_BYTES = 1_000_000;

    @Test
    void findsEveryGoodFrameInterleavedWithAMillionRandomBytesAndNeverThrows() {
        SplittableRandom random = new SplittableRandom(0x6300L);
        // a distinct tag per frame, so a frame conjured out of noise cannot stand in for it
        Fuzz.Interleaved<Rdm6300Frame> fuzz = Fuzz.interleave(
                random,
                MIN_RANDOM_BYTES,
                (noise, r) -> {
                    if (r.nextInt(3) == 0) plantFrameFragments(noise, r);
                },
                index -> new Rdm6300Frame(random.nextInt(256), index),
                Rdm6300Codec::encode);
        byte[] bytes = fuzz.bytes();
        List<Rdm6300Frame> interleaved = fuzz.frames();
        int randomBytes = fuzz.randomBytes();
        FrameReader<Rdm6300Frame> reader = new FrameReader<>(Rdm6300Codec.decoder(), 32);
        List<Rdm6300Frame> decoded = new ArrayList<>();

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Fuzz.feedInChunks(bytes, random, (b, pos, n) -> reader.feed(b, pos, n, decoded::add, null));
        });

        assertTrue(randomBytes >= MIN_RANDOM_BYTES);
        assertEquals(
                interleaved.size(), Fuzz.countInOrder(interleaved, decoded), "interleaved good frames found in order");
        assertTrue(reader.malformed() > 0, "noise must be reported as malformed");
        assertTrue(
                reader.buffered() < Rdm6300Codec.FRAME_LENGTH, "at most a partial frame is left: " + reader.buffered());
    }

    /** Plants STX plus hex runs (and whole frames cut short) in the noise, so near-misses are exercised too. */
    private static void plantFrameFragments(byte[] noise, SplittableRandom random) {
        byte[] sample = Rdm6300Codec.encode(random.nextInt(256), random.nextLong(Rdm6300Codec.MAX_TAG_ID + 1));
        for (int k = 0; k < 3 && noise.length > 16; k++) {
            int at = random.nextInt(noise.length - 14);
            System.arraycopy(sample, 0, noise, at, random.nextInt(1, 14));
        }
    }
}
