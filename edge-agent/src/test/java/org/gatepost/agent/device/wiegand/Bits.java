package org.gatepost.agent.device.wiegand;

/** Bit strings written as in the reference ({@code "1 00000001 ... 0"}, spaces ignored) for tests. */
final class Bits {
    private Bits() {}

    /** The bits of {@code text} in transmission order, spaces removed. */
    static String clean(String text) {
        String s = text.replace(" ", "");
        if (!s.matches("[01]*")) {
            throw new IllegalArgumentException("not a bit string: " + text);
        }
        return s;
    }

    /** The bits as a number, first bit most significant. */
    static long value(String text) {
        String s = clean(text);
        return s.isEmpty() ? 0 : Long.parseUnsignedLong(s, 2);
    }

    /** {@code text} with the bit at 1-based {@code position} inverted. */
    static String flip(String text, int position) {
        char[] c = clean(text).toCharArray();
        c[position - 1] = c[position - 1] == '1' ? '0' : '1';
        return new String(c);
    }
}
