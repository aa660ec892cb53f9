package org.gatepost.agent.device.wiegand;

import java.util.Objects;
import java.util.Set;

/**
 * A frame the decoder refused, with the reason. Carries no data bits, so it is safe to log.
 *
 * @param reason   one of the constants below
 * @param bitCount bits received before the frame ended
 */
public record WiegandRejection(String reason, int bitCount) implements WiegandResult {
    /** Bit 1 does not make the first half of the data bits even. */
    public static final String BAD_PARITY_EVEN = "bad-parity-even";
    /** The last bit does not make the second half of the data bits odd. */
    public static final String BAD_PARITY_ODD = "bad-parity-odd";
    /** 2–33 bits other than 26: a truncated frame, a keypad's 4- or 8-bit key code, a frame split by a gap. */
    public static final String SHORT_FRAME = "short-frame";
    /** More than 34 bits: two frames run together, or an unsupported longer format. */
    public static final String LONG_FRAME = "long-frame";
    /** A single lone pulse, or both lines low at once (interference, a reader powering up or down). */
    public static final String NOISE = "noise";

    public static final Set<String> REASONS = Set.of(BAD_PARITY_EVEN, BAD_PARITY_ODD, SHORT_FRAME, LONG_FRAME, NOISE);

    public WiegandRejection {
        Objects.requireNonNull(reason, "reason");
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("unknown reason: " + reason);
        }
        if (bitCount < 0) {
            throw new IllegalArgumentException("bitCount must not be negative: " + bitCount);
        }
    }
}
