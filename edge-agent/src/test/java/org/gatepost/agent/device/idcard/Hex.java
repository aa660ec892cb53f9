package org.gatepost.agent.device.idcard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test helpers for writing byte vectors as the reference prints them. */
final class Hex {
    private Hex() {}

    /** {@code "AA AA 96"} to bytes; whitespace is ignored. */
    static byte[] bytes(String hex) {
        String s = hex.replaceAll("\\s+", "");
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("odd hex length");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static String of(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(' ');
            }
            sb.append(String.format("%02X", b[i] & 0xFF));
        }
        return sb.toString();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** {@code text} right-padded with U+0020 to {@code chars}, as UCS-2 little endian: the card's field encoding. */
    static byte[] ucs2Field(String text, int chars) {
        return (text + " ".repeat(chars - text.length())).getBytes(StandardCharsets.UTF_16LE);
    }
}
