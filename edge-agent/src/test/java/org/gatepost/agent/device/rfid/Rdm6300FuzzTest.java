package org.gatepost.agent.device.rfid;

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
        Fuzz.assertFindsEveryGoodFrame(
                fuzz,
                MIN_RANDOM_BYTES,
                new FrameReader<>(Rdm6300Codec.decoder(), 32),
                random,
                Rdm6300Codec.FRAME_LENGTH,
                "frames");
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
