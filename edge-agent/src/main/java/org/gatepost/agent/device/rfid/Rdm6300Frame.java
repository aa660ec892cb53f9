package org.gatepost.agent.device.rfid;

/**
 * One decoded RDM6300 frame: the EM4100 version (customer) byte and the 32-bit tag id. Immutable.
 * The tag id is a credential: {@link #toString()} shows only a masked form.
 *
 * @param version 0..255, dropped by the driver (gates know cards by their id)
 * @param tagId   0..{@value Rdm6300Codec#MAX_TAG_ID}
 */
public record Rdm6300Frame(int version, long tagId) {
    public Rdm6300Frame {
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("version must be one byte: " + version);
        }
        if (tagId < 0 || tagId > Rdm6300Codec.MAX_TAG_ID) {
            throw new IllegalArgumentException("tagId must fit 32 unsigned bits");
        }
    }

    /** The tag id in decimal, as printed on EM cards and delivered as the credential number, e.g. {@code 3887558}. */
    public String number() {
        return Long.toString(tagId);
    }

    /** The number with all but its last three digits hidden, e.g. {@code ****558}; for logs. */
    public String masked() {
        return mask(number());
    }

    /** Hides all but the last three characters; strings of six or fewer come back all {@code *}. */
    static String mask(String number) {
        int n = number.length();
        if (n <= 6) {
            return "*".repeat(n);
        }
        return "*".repeat(n - 3) + number.substring(n - 3);
    }

    byte[] dataBytes() {
        return new byte[] {
            (byte) version, (byte) (tagId >>> 24), (byte) (tagId >>> 16), (byte) (tagId >>> 8), (byte) tagId
        };
    }

    @Override
    public String toString() {
        return "Rdm6300Frame[version=" + version + " tag=" + masked() + "]";
    }
}
