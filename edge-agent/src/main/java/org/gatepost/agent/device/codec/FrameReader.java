package org.gatepost.agent.device.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Accumulates bytes from a stream and cuts them into frames with a {@link FrameDecoder}, resynchronising
 * after malformed input. Counts good frames, malformed frames and bytes skipped.
 *
 * <p>Not thread safe: one reader thread feeds it. The buffer never grows beyond {@code maxBuffered}
 * bytes; a decoder that keeps asking for more than that is treated as malformed ({@code oversize}).
 */
public final class FrameReader<T> {
    private final FrameDecoder<T> decoder;
    private final int maxBuffered;
    private byte[] buf;
    private int start;
    private int end;
    private long frames;
    private long malformed;
    private long skippedBytes;
    private String lastMalformedReason = "";

    public FrameReader(FrameDecoder<T> decoder, int maxBuffered) {
        if (maxBuffered < 16) {
            throw new IllegalArgumentException("maxBuffered too small: " + maxBuffered);
        }
        this.decoder = decoder;
        this.maxBuffered = maxBuffered;
        this.buf = new byte[Math.min(maxBuffered, 256)];
    }

    /**
     * Appends {@code data[off, off+len)} and delivers every complete frame to {@code sink}, in order.
     * Malformed input is counted and skipped; {@code onMalformed} (may be null) gets each reason.
     */
    public void feed(byte[] data, int off, int len, Consumer<? super T> sink, Consumer<String> onMalformed) {
        int pos = off;
        int remaining = len;
        while (remaining > 0) {
            compactOrGrow();
            int n = Math.min(remaining, buf.length - end);
            System.arraycopy(data, pos, buf, end, n);
            end += n;
            pos += n;
            remaining -= n;
            drain(sink, onMalformed);
        }
    }

    /** Convenience for tests: feed and collect. */
    public List<T> feed(byte[] data) {
        List<T> out = new ArrayList<>();
        feed(data, 0, data.length, out::add, null);
        return out;
    }

    private void drain(Consumer<? super T> sink, Consumer<String> onMalformed) {
        while (end > start) {
            DecodeResult<T> r = decoder.decode(buf, start, end - start);
            switch (r) {
                case DecodeResult.Frame<T> f -> {
                    frames++;
                    start += f.length();
                    sink.accept(f.message());
                }
                case DecodeResult.Malformed<T> m -> reject(m.reason(), Math.min(m.skip(), end - start), onMalformed);
                case DecodeResult.NeedMore<T> nm -> {
                    if (nm.atLeast() > maxBuffered) {
                        reject("oversize", 1, onMalformed);
                    } else if (nm.atLeast() <= end - start) {
                        reject("decoder-stalled", 1, onMalformed); // a decoder bug must not hang the read loop
                    } else {
                        return;
                    }
                }
            }
        }
        start = 0;
        end = 0;
    }

    private void reject(String reason, int skip, Consumer<String> onMalformed) {
        malformed++;
        skippedBytes += skip;
        lastMalformedReason = reason;
        start += skip;
        if (onMalformed != null) {
            onMalformed.accept(reason);
        }
    }

    private void compactOrGrow() {
        if (end < buf.length) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        } else {
            buf = Arrays.copyOf(buf, Math.min(maxBuffered, buf.length * 2));
        }
    }

    /** Bytes held that do not yet form a complete frame. */
    public int buffered() {
        return end - start;
    }

    /** Drops any partial frame, e.g. after the link was reopened. */
    public void reset() {
        start = 0;
        end = 0;
    }

    public long frames() {
        return frames;
    }

    public long malformed() {
        return malformed;
    }

    public long skippedBytes() {
        return skippedBytes;
    }

    public String lastMalformedReason() {
        return lastMalformedReason;
    }
}
