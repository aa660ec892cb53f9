package org.gatepost.agent.device.wiegand;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Assembles Wiegand pulses into frames. Pure logic: no threads and no clock of its own. Times are monotonic
 * nanoseconds supplied by the caller ({@link System#nanoTime()} or made up in tests), compared by subtraction
 * so wrap-around is harmless; an edge stamped slightly before the previous one counts as no gap.
 *
 * <p>A frame ends once no edge has arrived for the inactivity timeout (default 25 ms, above the 20 ms maximum
 * pulse interval of the spec): {@link #poll} ends it when called at or after that moment, and an edge that
 * arrives at or after it ends the previous frame before starting a new one. Then the bit count decides: 26 or
 * 34 bits are parity-checked, 1 bit is {@code noise}, 2–33 others {@code short-frame}, more than 34
 * {@code long-frame}; a frame during which both lines were low at once is {@code noise}. Only the first 34
 * bits of a frame are kept, so a babbling line costs no memory. See {@code docs/protocols/wiegand.md}.
 *
 * <p>Not thread safe: one caller at a time ({@link WiegandReader} serialises edges and polls).
 */
public final class WiegandDecoder {
    /** Silence that ends a frame. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(25);

    private static final int MAX_KEPT_BITS = WiegandFormat.W34.bits();

    private final long timeoutNanos;
    private boolean inFrame;
    private int bitCount;
    private long bits;
    private boolean bothLowSeen;
    private long lastEdgeNanos;

    public WiegandDecoder() {
        this(DEFAULT_TIMEOUT);
    }

    public WiegandDecoder(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * A low pulse began on D0 ({@code bit} 0) or D1 ({@code bit} 1) at {@code nanos}.
     *
     * @return the previous frame's result when this edge came at least one timeout after the previous edge
     *         (nobody polled in time), else empty
     * @throws IllegalArgumentException if {@code bit} is not 0 or 1
     */
    public Optional<WiegandResult> feed(int bit, long nanos) {
        if (bit != 0 && bit != 1) {
            throw new IllegalArgumentException("bit must be 0 or 1, got " + bit);
        }
        Optional<WiegandResult> ended = edge(nanos);
        if (bitCount < MAX_KEPT_BITS) {
            bits = bits << 1 | bit;
        }
        if (bitCount < Integer.MAX_VALUE) {
            bitCount++;
        }
        return ended;
    }

    /**
     * One line fell while the other was still low, at {@code nanos}: the frame in progress (or the one this
     * starts) will be rejected as {@code noise}.
     *
     * @return as for {@link #feed}
     */
    public Optional<WiegandResult> bothLow(long nanos) {
        Optional<WiegandResult> ended = edge(nanos);
        bothLowSeen = true;
        return ended;
    }

    /** Ends the frame in progress if its last edge is at least one timeout before {@code nanosNow}. */
    public Optional<WiegandResult> poll(long nanosNow) {
        if (!inFrame || nanosNow - lastEdgeNanos < timeoutNanos) {
            return Optional.empty();
        }
        return Optional.of(finish());
    }

    /** Whether a frame has started and not yet ended. */
    public boolean inFrame() {
        return inFrame;
    }

    private Optional<WiegandResult> edge(long nanos) {
        Optional<WiegandResult> ended = Optional.empty();
        if (inFrame && nanos - lastEdgeNanos >= timeoutNanos) {
            ended = Optional.of(finish());
        }
        if (!inFrame) {
            inFrame = true;
            lastEdgeNanos = nanos;
        } else if (nanos - lastEdgeNanos > 0) {
            lastEdgeNanos = nanos;
        }
        return ended;
    }

    private WiegandResult finish() {
        WiegandResult result = classify();
        inFrame = false;
        bitCount = 0;
        bits = 0;
        bothLowSeen = false;
        return result;
    }

    private WiegandResult classify() {
        if (bothLowSeen || bitCount == 1) {
            return new WiegandRejection(WiegandRejection.NOISE, bitCount);
        }
        if (bitCount > MAX_KEPT_BITS) {
            return new WiegandRejection(WiegandRejection.LONG_FRAME, bitCount);
        }
        return WiegandFormat.ofBitCount(bitCount)
                .map(format -> format.decode(bits))
                .orElseGet(() -> new WiegandRejection(WiegandRejection.SHORT_FRAME, bitCount));
    }
}
