package org.gatepost.agent.device.idcard;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The 256-byte text block of the read-base-message response: fixed-width UCS-2 little-endian fields padded
 * with U+0020 (layout in {@code docs/protocols/id-card-sam.md}). Decoding never fails: any bytes give some
 * text, and validating it is the reader's job ({@link CardRead#from}). Encoding is for the device role.
 * Stateless.
 */
public final class IdCardText {
    /** Size of the text block in bytes. */
    public static final int LENGTH = 256;
    /** The value of {@code validUntil} on a long-term card (长期). */
    public static final String LONG_TERM = "长期";

    // Field widths in UTF-16 code units (2 bytes each), in block order; the reserved tail is 18 units.
    static final int NAME = 15;
    static final int GENDER = 1;
    static final int NATION = 2;
    static final int BIRTH = 8;
    static final int ADDRESS = 35;
    static final int ID_NUMBER = 18;
    static final int AUTHORITY = 15;
    static final int VALID_FROM = 8;
    static final int VALID_UNTIL = 8;
    private static final char PAD = ' ';

    private IdCardText() {}

    /**
     * The fields of the text block as text, padding trimmed. Only widths are enforced; the content may be
     * anything (an emulator may send a card with a wrong check digit on purpose). {@link #toString()} masks
     * the ID number and the name and leaves out the address and the authority.
     */
    public record Fields(
            String name,
            String gender,
            String nation,
            String birth,
            String address,
            String idNumber,
            String authority,
            String validFrom,
            String validUntil) {
        public Fields {
            fits("name", name, NAME);
            fits("gender", gender, GENDER);
            fits("nation", nation, NATION);
            fits("birth", birth, BIRTH);
            fits("address", address, ADDRESS);
            fits("idNumber", idNumber, ID_NUMBER);
            fits("authority", authority, AUTHORITY);
            fits("validFrom", validFrom, VALID_FROM);
            fits("validUntil", validUntil, VALID_UNTIL);
        }

        /** A copy with another ID number, e.g. a corrupted one for a test. */
        public Fields withIdNumber(String id) {
            return new Fields(name, gender, nation, birth, address, id, authority, validFrom, validUntil);
        }

        @Override
        public String toString() {
            return "Fields[name=" + CardRead.maskName(name) + ", gender=" + gender + ", nation=" + nation
                    + ", idNumber=" + IdNumbers.mask(idNumber) + ", validUntil=" + validUntil + "]";
        }

        private static void fits(String field, String value, int width) {
            Objects.requireNonNull(value, field);
            if (value.length() > width) {
                // The value is left out on purpose: it may be an ID number.
                throw new IllegalArgumentException(field + " longer than " + width + " characters: " + value.length());
            }
        }
    }

    /** Decodes the block at {@code block[offset, offset + 256)}. */
    public static Fields decode(byte[] block, int offset) {
        if (offset < 0 || block.length - offset < LENGTH) {
            throw new IllegalArgumentException("text block needs " + LENGTH + " bytes from offset " + offset);
        }
        Cursor c = new Cursor(block, offset);
        return new Fields(
                c.next(NAME),
                c.next(GENDER),
                c.next(NATION),
                c.next(BIRTH),
                c.next(ADDRESS),
                c.next(ID_NUMBER),
                c.next(AUTHORITY),
                c.next(VALID_FROM),
                c.next(VALID_UNTIL));
    }

    /** Encodes {@code f} into a fresh 256-byte block, the reserved tail filled with spaces. */
    public static byte[] encode(Fields f) {
        StringBuilder sb = new StringBuilder(LENGTH / 2);
        pad(sb, f.name(), NAME);
        pad(sb, f.gender(), GENDER);
        pad(sb, f.nation(), NATION);
        pad(sb, f.birth(), BIRTH);
        pad(sb, f.address(), ADDRESS);
        pad(sb, f.idNumber(), ID_NUMBER);
        pad(sb, f.authority(), AUTHORITY);
        pad(sb, f.validFrom(), VALID_FROM);
        pad(sb, f.validUntil(), VALID_UNTIL);
        pad(sb, "", LENGTH / 2 - sb.length());
        return sb.toString().getBytes(StandardCharsets.UTF_16LE);
    }

    private static void pad(StringBuilder sb, String value, int width) {
        sb.append(value);
        for (int i = value.length(); i < width; i++) {
            sb.append(PAD);
        }
    }

    private static final class Cursor {
        private final byte[] block;
        private int pos;

        Cursor(byte[] block, int offset) {
            this.block = block;
            this.pos = offset;
        }

        String next(int width) {
            String s = new String(block, pos, width * 2, StandardCharsets.UTF_16LE);
            pos += width * 2;
            return trim(s);
        }

        private static String trim(String s) {
            int from = 0;
            int to = s.length();
            while (from < to && s.charAt(from) == PAD) {
                from++;
            }
            while (to > from && s.charAt(to - 1) == PAD) {
                to--;
            }
            return s.substring(from, to);
        }
    }
}
