package org.gatepost.agent.device.codec;

/**
 * The outcome of one attempt to decode a frame at the start of a byte window.
 *
 * <p>"Need more bytes" is never "malformed": a decoder returns {@link NeedMore} whenever the bytes it
 * has seen so far are a valid prefix of some frame, and {@link Malformed} only once the bytes cannot
 * start a valid frame. A malformed result tells the caller how many bytes to drop before trying
 * again ({@link Malformed#skip()}, at least 1), which is how framers resynchronise on the start marker.
 *
 * @param <T> the decoded message type
 */
public sealed interface DecodeResult<T> {

    /** A complete frame of {@code length} bytes was decoded into {@code message}. */
    record Frame<T>(T message, int length) implements DecodeResult<T> {
        public Frame {
            if (length <= 0) {
                throw new IllegalArgumentException("length must be positive: " + length);
            }
        }
    }

    /** The window is a valid prefix; at least {@code atLeast} bytes in total are needed to go on. */
    record NeedMore<T>(int atLeast) implements DecodeResult<T> {}

    /**
     * The window does not start with a valid frame. Drop {@code skip} bytes (at least 1) and retry.
     * {@code reason} is a short kebab-case token suitable for logs and counters, e.g. {@code bad-checksum}.
     */
    record Malformed<T>(String reason, int skip) implements DecodeResult<T> {
        public Malformed {
            if (skip < 1) {
                throw new IllegalArgumentException("skip must be at least 1: " + skip);
            }
        }
    }

    static <T> DecodeResult<T> needMore(int atLeast) {
        return new NeedMore<>(atLeast);
    }

    static <T> DecodeResult<T> malformed(String reason, int skip) {
        return new Malformed<>(reason, skip);
    }

    static <T> DecodeResult<T> frame(T message, int length) {
        return new Frame<>(message, length);
    }
}
