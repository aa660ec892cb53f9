package org.gatepost.agent.testing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Byte-array helpers for test vectors. */
public final class Bytes {
    private Bytes() {}

    /** Each value's low eight bits, e.g. {@code of(0x02, 0xFF)}. */
    public static byte[] of(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes from hex pairs separated by spaces, e.g. {@code "01 83 02 C0 F1"}. */
    public static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** Upper-case hex pairs separated by spaces. */
    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    public static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        byte[] out = new byte[total];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
