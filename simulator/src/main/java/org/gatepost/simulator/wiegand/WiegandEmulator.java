package org.gatepost.simulator.wiegand;

import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.gatepost.agent.device.wiegand.WiegandFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Wiegand card reader driving the agent's D0/D1 inputs on Pi4J's mock provider with real pulse timing:
 * each bit is a low pulse ({@code pulseWidth}, default 50 µs) on D0 for 0 or D1 for 1, one every
 * {@code bitInterval} (default 2 ms, start to start), and a frame is followed by {@code frameGap} of idle
 * (default 60 ms, above the agent's 25 ms frame timeout). Frames are built with the agent's
 * {@link WiegandFormat#encode} in the device role. Faults: see {@link WiegandFault} and {@link #spuriousPulse}.
 * See {@code docs/protocols/wiegand.md}.
 *
 * <p>Every send method blocks the calling thread until the frame and its trailing gap are out. Because
 * {@code MockDigitalInput.mockState} dispatches synchronously, the agent's edge handling runs on that same
 * thread, within the pulse. Timing uses {@link LockSupport#parkNanos} against deadlines counted from the end of
 * each falling edge's dispatch, so every listener sees at least the pulse width and the bit interval; both may
 * come out longer than asked (dispatch time, scheduler wake-up latency), never shorter. Safe for concurrent
 * use: frames never interleave. The lines are left idle HIGH, also when interrupted. Never logs card numbers.
 */
public final class WiegandEmulator {
    private static final Logger log = LoggerFactory.getLogger(WiegandEmulator.class);

    /**
     * Pulse timing. Immutable.
     *
     * @param pulseWidth  how long a line is held low per bit (spec: 20–100 µs)
     * @param bitInterval from one pulse start to the next (spec: 200 µs–20 ms)
     * @param frameGap    idle time after a frame's last pulse start before the next frame may begin
     */
    public record Timing(Duration pulseWidth, Duration bitInterval, Duration frameGap) {
        public static final Timing DEFAULT =
                new Timing(Duration.ofNanos(50_000), Duration.ofMillis(2), Duration.ofMillis(60));

        public Timing {
            Objects.requireNonNull(pulseWidth, "pulseWidth");
            Objects.requireNonNull(bitInterval, "bitInterval");
            Objects.requireNonNull(frameGap, "frameGap");
            if (pulseWidth.isNegative() || pulseWidth.isZero() || pulseWidth.compareTo(bitInterval) >= 0) {
                throw new IllegalArgumentException("pulseWidth must be positive and shorter than bitInterval: "
                        + pulseWidth + " vs " + bitInterval);
            }
            if (frameGap.compareTo(bitInterval) < 0) {
                throw new IllegalArgumentException("frameGap must be at least bitInterval: " + frameGap);
            }
        }
    }

    private final MockDigitalInput d0;
    private final MockDigitalInput d1;
    private final Timing timing;
    private final Object sending = new Object();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong pulsesSent = new AtomicLong();
    private final AtomicLong longestBitGapNanos = new AtomicLong();

    /** Drives the two mock inputs; sets both to their idle level (HIGH) at once. */
    public WiegandEmulator(MockDigitalInput d0, MockDigitalInput d1, Timing timing) {
        this.d0 = Objects.requireNonNull(d0, "d0");
        this.d1 = Objects.requireNonNull(d1, "d1");
        this.timing = Objects.requireNonNull(timing, "timing");
        if (d0 == d1) {
            throw new IllegalArgumentException("D0 and D1 must be different inputs");
        }
        d0.mockState(DigitalState.HIGH);
        d1.mockState(DigitalState.HIGH);
    }

    /**
     * Drives the inputs registered in {@code context} under the two ids (e.g. {@code Pi4jWiegandLines.d0Id()}).
     *
     * @throws IllegalArgumentException if an id is not a Pi4J mock digital input
     */
    public static WiegandEmulator on(Context context, String d0Id, String d1Id, Timing timing) {
        return new WiegandEmulator(mockInput(context, d0Id), mockInput(context, d1Id), timing);
    }

    private static MockDigitalInput mockInput(Context context, String id) {
        IO<?, ?, ?> io = context.io(id);
        if (io instanceof MockDigitalInput in) {
            return in;
        }
        throw new IllegalArgumentException("input " + id + " is not a Pi4J mock digital input: "
                + io.getClass().getName());
    }

    /** Presents a card: one well-formed frame. */
    public void present(WiegandFormat format, long facility, long card) throws InterruptedException {
        send(format, format.encode(facility, card), null);
    }

    /** Presents a card whose frame carries {@code fault}. */
    public void present(WiegandFormat format, long facility, long card, WiegandFault fault)
            throws InterruptedException {
        send(format, format.encode(facility, card), Objects.requireNonNull(fault, "fault"));
    }

    /** One lone pulse on D0 ({@code line} 0) or D1 ({@code line} 1), then the frame gap: what interference looks like. */
    public void spuriousPulse(int line) throws InterruptedException {
        if (line != 0 && line != 1) {
            throw new IllegalArgumentException("line must be 0 (D0) or 1 (D1), got " + line);
        }
        synchronized (sending) {
            try {
                long start = pulse(line);
                parkUntil(start + timing.frameGap().toNanos());
            } finally {
                idle();
            }
        }
        log.debug("event=wiegand-spurious-pulse line=d{}", line);
    }

    /** Frames sent, faulty ones included. */
    public long framesSent() {
        return framesSent.get();
    }

    /** Low pulses sent, spurious ones included. */
    public long pulsesSent() {
        return pulsesSent.get();
    }

    /**
     * The longest time between two consecutive pulses of one frame since construction (a {@link
     * WiegandFault.GapAfter} gap excluded), measured wide: from just before the earlier falling edge was
     * dispatched to just after the later one was. A listener stamping edges as they are dispatched saw no
     * longer gap. On a busy host this exceeds the bit interval; once it reaches the agent's frame timeout, a
     * frame may have been split by the host rather than by a fault.
     */
    public Duration longestBitGap() {
        return Duration.ofNanos(longestBitGapNanos.get());
    }

    private void send(WiegandFormat format, long frame, WiegandFault fault) throws InterruptedException {
        int n = format.bits();
        int count = fault instanceof WiegandFault.Truncate t ? Math.min(t.bits(), n) : n;
        int flip = fault instanceof WiegandFault.FlipBit f ? checkedPosition(f.position(), n) : 0;
        int gapAfter = fault instanceof WiegandFault.GapAfter g ? checkedGapPosition(g.bits(), n) : 0;
        synchronized (sending) {
            try {
                long start = System.nanoTime();
                long previousBegin = 0;
                for (int i = 1; i <= count; i++) {
                    int bit = (int) (frame >>> (n - i) & 1);
                    if (i == flip) {
                        bit ^= 1;
                    }
                    parkUntil(start);
                    long begin = System.nanoTime();
                    long pulsedAt = pulse(bit);
                    if (i > 1 && i - 1 != gapAfter) {
                        longestBitGapNanos.accumulateAndGet(pulsedAt - previousBegin, Math::max);
                    }
                    previousBegin = begin;
                    Duration wait = i == gapAfter ? ((WiegandFault.GapAfter) fault).gap() : timing.bitInterval();
                    start = pulsedAt + wait.toNanos();
                }
                parkUntil(start
                        - timing.bitInterval().toNanos()
                        + timing.frameGap().toNanos());
            } finally {
                idle();
            }
            framesSent.incrementAndGet();
        }
        log.debug("event=wiegand-frame-sent format={} bits={} fault={}", format, count, fault == null ? "none" : fault);
    }

    /**
     * Holds the line low for the pulse width and returns when the pulse started. Both are counted from the
     * moment the falling edge's listeners have all returned, so every listener sees at least the pulse width
     * and, between pulse starts, at least the bit interval, however long the listeners before it took.
     */
    private long pulse(int line) throws InterruptedException {
        MockDigitalInput in = line == 0 ? d0 : d1;
        in.mockState(DigitalState.LOW);
        long start = System.nanoTime();
        pulsesSent.incrementAndGet();
        try {
            parkUntil(start + timing.pulseWidth().toNanos());
        } finally {
            in.mockState(DigitalState.HIGH);
        }
        return start;
    }

    private void idle() {
        d0.mockState(DigitalState.HIGH);
        d1.mockState(DigitalState.HIGH);
    }

    private static void parkUntil(long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while sending a Wiegand frame");
            }
        }
    }

    private static int checkedPosition(int position, int n) {
        if (position > n) {
            throw new IllegalArgumentException("bit " + position + " is beyond the " + n + "-bit frame");
        }
        return position;
    }

    private static int checkedGapPosition(int bits, int n) {
        if (bits >= n) {
            throw new IllegalArgumentException("a gap after bit " + bits + " is not inside the " + n + "-bit frame");
        }
        return bits;
    }
}
