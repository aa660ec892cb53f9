package org.gatepost.agent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.gatepost.agent.device.codec.FrameReader;

/**
 * The random-byte fuzz loop of the codec tests: good frames interleaved with runs of noise, fed to a reader in
 * random chunks as a serial port delivers them, and the good frames then looked for in order. Deterministic for a
 * given seeded {@link SplittableRandom}.
 */
public final class Fuzz {
    /** The longest run of noise between two good frames, minus one. */
    public static final int MAX_NOISE_RUN = 300;
    /** The longest chunk a feed hands over, minus one. */
    public static final int MAX_CHUNK = 64;

    private Fuzz() {}

    /** The noise and frames written, in order; {@code randomBytes} counts the noise. */
    public record Interleaved<T>(byte[] bytes, List<T> frames, int randomBytes) {}

    /** Receives one chunk of the stream. */
    public interface Chunks {
        void feed(byte[] bytes, int offset, int length);
    }

    /**
     * At least {@code minRandomBytes} of noise, each run of it (0..{@value #MAX_NOISE_RUN} bytes) given to
     * {@code nearMisses} to plant partial headers, then followed by {@code frame.apply(index)} encoded.
     */
    public static <T> Interleaved<T> interleave(
            SplittableRandom random,
            int minRandomBytes,
            BiConsumer<byte[], SplittableRandom> nearMisses,
            IntFunction<T> frame,
            Function<T, byte[]> encode) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<T> frames = new ArrayList<>();
        int randomBytes = 0;
        while (randomBytes < minRandomBytes) {
            byte[] noise = new byte[random.nextInt(0, MAX_NOISE_RUN)];
            random.nextBytes(noise);
            nearMisses.accept(noise, random);
            stream.writeBytes(noise);
            randomBytes += noise.length;
            T good = frame.apply(frames.size());
            frames.add(good);
            stream.writeBytes(encode.apply(good));
        }
        return new Interleaved<>(stream.toByteArray(), frames, randomBytes);
    }

    /** Hands {@code bytes} over in chunks of 1..{@value #MAX_CHUNK} - 1 bytes. */
    public static void feedInChunks(byte[] bytes, SplittableRandom random, Chunks sink) {
        feedInChunks(bytes, random, MAX_CHUNK, sink);
    }

    /** Hands {@code bytes} over in chunks of 1..{@code maxChunk} - 1 bytes. */
    public static void feedInChunks(byte[] bytes, SplittableRandom random, int maxChunk, Chunks sink) {
        for (int pos = 0; pos < bytes.length; ) {
            int n = Math.min(random.nextInt(1, maxChunk), bytes.length - pos);
            sink.feed(bytes, pos, n);
            pos += n;
        }
    }

    /**
     * Feeds {@code sent}, each encoded by {@code encode}, back to back, to {@code reader} in random chunks of
     * 1..{@code maxChunk} - 1 bytes and asserts that exactly {@code sent} comes out, nothing is malformed and nothing
     * is left over.
     */
    public static <T> void assertChunkedStreamDecodesExactly(
            List<T> sent, Function<T, byte[]> encode, FrameReader<T> reader, SplittableRandom random, int maxChunk) {
        byte[] stream = Bytes.concat(sent.stream().map(encode).toArray(byte[][]::new));
        List<T> received = new ArrayList<>();

        feedInChunks(stream, random, maxChunk, (b, pos, n) -> reader.feed(b, pos, n, received::add, null));

        assertEquals(sent, received);
        assertEquals(0, reader.malformed());
        assertEquals(0, reader.buffered());
    }

    /**
     * Feeds {@code fuzz} to {@code reader} in random chunks (within 20 s: it never hangs, and never throws) and
     * asserts what every codec's fuzz test proves: at least {@code minRandomBytes} of noise went in, every good
     * frame ({@code what}: "frames", "replies") came out in order, the noise was counted as malformed, and less
     * than {@code frameLength} bytes are left buffered.
     */
    public static <T> void assertFindsEveryGoodFrame(
            Interleaved<T> fuzz,
            int minRandomBytes,
            FrameReader<T> reader,
            SplittableRandom random,
            int frameLength,
            String what) {
        List<T> decoded = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            feedInChunks(fuzz.bytes(), random, (b, pos, n) -> reader.feed(b, pos, n, decoded::add, null));
        });

        assertTrue(fuzz.randomBytes() >= minRandomBytes);
        assertEquals(
                fuzz.frames().size(),
                countInOrder(fuzz.frames(), decoded),
                "interleaved good " + what + " found in order");
        assertTrue(reader.malformed() > 0, "noise must be reported as malformed");
        assertTrue(reader.buffered() < frameLength, "at most a partial frame is left: " + reader.buffered());
    }

    /** How many of {@code expected} appear in {@code actual} as a subsequence (same order, gaps allowed). */
    public static int countInOrder(List<?> expected, List<?> actual) {
        int found = 0;
        for (Object t : actual) {
            if (found < expected.size() && expected.get(found).equals(t)) {
                found++;
            }
        }
        return found;
    }
}
