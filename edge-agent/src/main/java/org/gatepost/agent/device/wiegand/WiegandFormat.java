package org.gatepost.agent.device.wiegand;

import java.util.Optional;

/**
 * The two Wiegand formats the agent accepts, with their spec constants, encoder and parity check. See
 * {@code docs/protocols/wiegand.md}.
 *
 * <p>Bits are numbered 1..n in transmission order (MSB first). Bit 1 is the leading <em>even</em> parity over
 * the first half of the data bits, bit n the trailing <em>odd</em> parity over the second half. A frame is
 * held in the n low bits of a {@code long}, bit 1 the most significant of them. Immutable; thread safe.
 */
public enum WiegandFormat {
    /** 26-bit H10301: bits 2–9 facility (8 bit), bits 10–25 card (16 bit); parity over 2–13 and 14–25. */
    W26(26, 8, 16),
    /**
     * 34-bit: bits 2–17 facility (16 bit), bits 18–33 card (16 bit); parity over 2–17 and 18–33. Many readers
     * put a 32-bit card UID in bits 2–33 instead, which is why the agent reports W34 as one 32-bit number.
     */
    W34(34, 16, 16);

    private final int bits;
    private final int facilityBits;
    private final int cardBits;

    WiegandFormat(int bits, int facilityBits, int cardBits) {
        this.bits = bits;
        this.facilityBits = facilityBits;
        this.cardBits = cardBits;
    }

    /** Bits on the wire, parity included: 26 or 34. */
    public int bits() {
        return bits;
    }

    public int facilityBits() {
        return facilityBits;
    }

    public int cardBits() {
        return cardBits;
    }

    public long maxFacility() {
        return (1L << facilityBits) - 1;
    }

    public long maxCard() {
        return (1L << cardBits) - 1;
    }

    /** Data bits covered by each parity bit: 12 for W26, 16 for W34. */
    public int parityHalf() {
        return (bits - 2) / 2;
    }

    /** The format sent with {@code bitCount} bits, if any. */
    public static Optional<WiegandFormat> ofBitCount(int bitCount) {
        for (WiegandFormat f : values()) {
            if (f.bits == bitCount) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The frame for {@code facility} and {@code card} with both parity bits set.
     *
     * @throws IllegalArgumentException if a value is negative or does not fit its field
     */
    public long encode(long facility, long card) {
        checkRange("facility", facility, maxFacility());
        checkRange("card", card, maxCard());
        int half = parityHalf();
        long data = facility << cardBits | card;
        long leadingEven = Long.bitCount(data >>> half) & 1;
        long trailingOdd = (Long.bitCount(data & mask(half)) & 1) ^ 1;
        return leadingEven << (bits - 1) | data << 1 | trailingOdd;
    }

    /**
     * Checks both parity bits of an n-bit frame and splits it into facility and card.
     * The leading even parity is checked first, so a frame wrong in both halves reads {@code bad-parity-even}.
     */
    public WiegandResult decode(long frame) {
        int half = parityHalf();
        frame &= mask(bits);
        if ((Long.bitCount(frame >>> (half + 1)) & 1) != 0) {
            return new WiegandRejection(WiegandRejection.BAD_PARITY_EVEN, bits);
        }
        if ((Long.bitCount(frame & mask(half + 1)) & 1) != 1) {
            return new WiegandRejection(WiegandRejection.BAD_PARITY_ODD, bits);
        }
        long data = frame >>> 1 & mask(bits - 2);
        return new WiegandFrame(this, data >>> cardBits, data & mask(cardBits));
    }

    private static long mask(int n) {
        return (1L << n) - 1;
    }

    private static void checkRange(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be within 0.." + max + ", got " + value);
        }
    }
}
