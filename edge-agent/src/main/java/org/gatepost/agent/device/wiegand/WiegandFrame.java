package org.gatepost.agent.device.wiegand;

import java.util.Objects;

/**
 * A Wiegand frame with good parity. Facility and card identify a person, so {@link #toString()} shows only
 * the format; never log {@link #credentialNumber()} or the raw bits.
 *
 * @param format   W26 or W34
 * @param facility the facility (site) code field: 0–255 for W26, 0–65535 for W34
 * @param card     the card field: 0–65535
 */
public record WiegandFrame(WiegandFormat format, long facility, long card) implements WiegandResult {

    public WiegandFrame {
        Objects.requireNonNull(format, "format");
        format.encode(facility, card); // validates both ranges
    }

    /** The frame as sent, parity included, in the {@link WiegandFormat#bits()} low bits. */
    public long rawBits() {
        return format.encode(facility, card);
    }

    @Override
    public int bitCount() {
        return format.bits();
    }

    /**
     * The credential number the agent reports: {@code "<facility>:<card>"} in decimal for W26 (as printed on
     * HID-style cards, e.g. {@code 59:20934}); for W34 the 32 data bits as one unsigned decimal number
     * (e.g. {@code 3887558} for 0x003B51C6), because most 34-bit readers send a card UID there.
     */
    public String credentialNumber() {
        return switch (format) {
            case W26 -> facility + ":" + card;
            case W34 -> Long.toString(facility << format.cardBits() | card);
        };
    }

    /** The bits as {@code 0}/{@code 1} characters in transmission order. Sensitive, like the number. */
    public String bitString() {
        StringBuilder s = new StringBuilder(format.bits());
        long raw = rawBits();
        for (int i = format.bits() - 1; i >= 0; i--) {
            s.append((raw >>> i & 1) == 1 ? '1' : '0');
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "WiegandFrame[format=" + format + "]";
    }
}
