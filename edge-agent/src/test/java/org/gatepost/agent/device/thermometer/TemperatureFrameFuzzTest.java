package org.gatepost.agent.device.thermometer;

import java.util.SplittableRandom;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.testing.Fuzz;
import org.junit.jupiter.api.Test;

class TemperatureFrameFuzzTest {
    private static final int MIN_RANDOM_BYTES = 1_000_000;

    @Test
    void findsEveryGoodFrameInterleavedWithAMillionRandomBytesAndNeverThrows() {
        SplittableRandom random = new SplittableRandom(0x90614L);
        // a distinct object value per frame, so a frame conjured out of noise cannot stand in for it
        Fuzz.Interleaved<TemperatureFrame> fuzz = Fuzz.interleave(
                random,
                MIN_RANDOM_BYTES,
                (noise, r) -> {
                    if (r.nextInt(4) == 0) sprinkleHeaders(noise, r);
                },
                index -> new TemperatureFrame(index % 30000, random.nextInt(-4000, 12501)),
                frame -> GyMcuCodec.encodeFrame(frame.objectCentiC(), frame.ambientCentiC()));
        Fuzz.assertFindsEveryGoodFrame(
                fuzz,
                MIN_RANDOM_BYTES,
                new FrameReader<>(GyMcuCodec.frameDecoder(), 64),
                random,
                GyMcuCodec.FRAME_LENGTH,
                "frames");
    }

    /** Plants header fragments in the noise, so resynchronisation after near-misses is exercised too. */
    private static void sprinkleHeaders(byte[] noise, SplittableRandom random) {
        byte[] prefix = {0x5A, 0x5A, 0x45, 0x04};
        for (int k = 0; k < 3 && noise.length > 8; k++) {
            int at = random.nextInt(noise.length - 4);
            System.arraycopy(prefix, 0, noise, at, random.nextInt(1, 5));
        }
    }
}
