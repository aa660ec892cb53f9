package org.gatepost.simulator.wiegand;

import java.time.Duration;
import java.util.Objects;
import org.gatepost.agent.device.wiegand.WiegandFormat;

/** A fault the {@link WiegandEmulator} puts into one card's frame. Immutable. */
public sealed interface WiegandFault {

    /** Sends bit {@code position} (1-based, transmission order) inverted. */
    record FlipBit(int position) implements WiegandFault {
        public FlipBit {
            if (position < 1) {
                throw new IllegalArgumentException("position is 1-based, got " + position);
            }
        }
    }

    /** Stops after the first {@code bits} bits, as a reader losing power or a card pulled away would. */
    record Truncate(int bits) implements WiegandFault {
        public Truncate {
            if (bits < 0) {
                throw new IllegalArgumentException("bits must not be negative: " + bits);
            }
        }
    }

    /** Pauses {@code gap} after the first {@code bits} bits instead of one bit interval: longer than the agent's timeout, it splits the frame. */
    record GapAfter(int bits, Duration gap) implements WiegandFault {
        public GapAfter {
            Objects.requireNonNull(gap, "gap");
            if (bits < 1) {
                throw new IllegalArgumentException("bits must be positive: " + bits);
            }
            if (gap.isNegative()) {
                throw new IllegalArgumentException("gap must not be negative: " + gap);
            }
        }
    }

    /** The leading (even) parity bit inverted. */
    static WiegandFault flipLeadingParity() {
        return new FlipBit(1);
    }

    /** The trailing (odd) parity bit of {@code format} inverted. */
    static WiegandFault flipTrailingParity(WiegandFormat format) {
        return new FlipBit(format.bits());
    }
}
