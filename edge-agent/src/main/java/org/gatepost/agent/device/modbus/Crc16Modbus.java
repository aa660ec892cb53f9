package org.gatepost.agent.device.modbus;

import java.util.Arrays;

/**
 * CRC-16/MODBUS: reflected polynomial {@code 0xA001} (0x8005 reflected), initial value {@code 0xFFFF}, no final
 * XOR. Check value: the CRC of the ASCII bytes {@code "123456789"} is {@code 0x4B37}. On the wire the CRC
 * follows the bytes it covers, <b>low byte first</b>.
 *
 * <p>Stateless; safe for concurrent use.
 */
public final class Crc16Modbus {
    /** Bytes the CRC adds to a frame. */
    public static final int LENGTH = 2;

    private static final int INITIAL = 0xFFFF;
    private static final int POLYNOMIAL_REFLECTED = 0xA001;

    private Crc16Modbus() {}

    /** The CRC of {@code length} bytes from {@code offset}, as 0..0xFFFF. */
    public static int compute(byte[] bytes, int offset, int length) {
        int crc = INITIAL;
        for (int i = offset; i < offset + length; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL_REFLECTED : crc >>> 1;
            }
        }
        return crc;
    }

    /** {@code body} followed by its CRC, low byte first: a complete RTU frame. */
    public static byte[] append(byte[] body) {
        byte[] frame = Arrays.copyOf(body, body.length + LENGTH);
        int crc = compute(body, 0, body.length);
        frame[body.length] = (byte) crc;
        frame[body.length + 1] = (byte) (crc >>> 8);
        return frame;
    }

    /**
     * Whether the last two of {@code frameLength} bytes from {@code offset} are the CRC (low byte first) of the
     * bytes before them. {@code frameLength} must be at least {@value #LENGTH}.
     */
    public static boolean matches(byte[] bytes, int offset, int frameLength) {
        int bodyLength = frameLength - LENGTH;
        int crc = compute(bytes, offset, bodyLength);
        return (bytes[offset + bodyLength] & 0xFF) == (crc & 0xFF)
                && (bytes[offset + bodyLength + 1] & 0xFF) == (crc >>> 8);
    }
}
