package org.gatepost.agent.device.idcard;

import java.util.Arrays;

/**
 * The payload of one SAM frame: everything between LEN and CHK. A command carries {@code CMD PARA [data]},
 * a response {@code SW1 SW2 SW3 [data]}; the framer does not know which, so the role accessors check length.
 *
 * <p>The array is owned by the frame and not copied: {@link #payload()} returns it so that a receiver can
 * wipe card data once parsed ({@link #wipe()}). {@link #toString()} shows the length and the first three
 * bytes only, never card data. Not thread safe.
 */
public record SamFrame(byte[] payload) {

    public SamFrame {
        if (payload == null) {
            throw new NullPointerException("payload");
        }
    }

    /** A response's status byte (SW3), or -1 if the payload is too short to be a response. */
    public int sw3() {
        return payload.length >= 3 ? payload[2] & 0xFF : -1;
    }

    /** True if this payload has the three status bytes of a response. */
    public boolean isResponse() {
        return payload.length >= 3;
    }

    /** A response's data after SW1 SW2 SW3 (a copy); empty for a payload too short to be a response. */
    public byte[] responseData() {
        return payload.length <= 3 ? new byte[0] : Arrays.copyOfRange(payload, 3, payload.length);
    }

    /** Number of data bytes after the three status bytes of a response. */
    public int responseDataLength() {
        return Math.max(0, payload.length - 3);
    }

    /** Overwrites the payload with zeros, e.g. once the card text was parsed and the photo must go. */
    public void wipe() {
        Arrays.fill(payload, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SamFrame f && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("SamFrame[length=").append(payload.length).append(", head=");
        for (int i = 0; i < Math.min(3, payload.length); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02X", payload[i] & 0xFF));
        }
        return sb.append(']').toString();
    }
}
