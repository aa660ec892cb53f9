package org.gatepost.agent.device.scanner;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.gatepost.agent.device.serial.ReconnectBackoff;

/**
 * Settings of a {@link ScannerDriver} for a QR / barcode scanner in serial mode (GM65 family and
 * compatibles). Immutable; validated on construction. See {@code docs/protocols/qr-scanner-serial.md}.
 *
 * @param terminator      the tail the scanner appends to each code (configure the module to match)
 * @param idleGap         a line without its terminator ends after the line has been quiet this long
 *                        (always so for {@link Terminator#NONE})
 * @param maxLengthBytes  longest accepted code text in bytes, terminator excluded; longer lines are
 *                        rejected as {@code oversize}
 * @param encoding        how code bytes become text
 * @param duplicateWindow the same text again within this long of its previous sighting is one scan
 * @param errorHold       health stays ERRORING this long after a rejected line unless a good one comes first
 * @param backoff         delays between attempts to reopen a dead link
 */
public record ScannerSettings(
        Terminator terminator,
        Duration idleGap,
        int maxLengthBytes,
        TextEncoding encoding,
        Duration duplicateWindow,
        Duration errorHold,
        ReconnectBackoff backoff) {
    /** GM65 family UART default, 8N1. */
    public static final int DEFAULT_BAUD = 9600;
    /** About a hundred characters' time at 9600 baud: far longer than any pause inside one code. */
    public static final Duration DEFAULT_IDLE_GAP = Duration.ofMillis(100);
    /** Health-code payloads run to hundreds of characters; 2 KB leaves room. */
    public static final int DEFAULT_MAX_LENGTH_BYTES = 2048;
    /** Upper bound for {@code maxLengthBytes}: the line buffer is allocated up to it. */
    public static final int MAX_MAX_LENGTH_BYTES = 65_536;

    public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofSeconds(1);
    public static final Duration DEFAULT_ERROR_HOLD = Duration.ofSeconds(10);
    /** CR (which also accepts CRLF), 100 ms gap, 2048 bytes, GBK (the module's default), 1 s, 10 s, default backoff. */
    public static final ScannerSettings DEFAULT = new ScannerSettings(
            Terminator.CR,
            DEFAULT_IDLE_GAP,
            DEFAULT_MAX_LENGTH_BYTES,
            TextEncoding.GBK,
            DEFAULT_DUPLICATE_WINDOW,
            DEFAULT_ERROR_HOLD,
            ReconnectBackoff.DEFAULT);

    public ScannerSettings {
        Objects.requireNonNull(terminator, "terminator");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(backoff, "backoff");
        positive("idleGap", idleGap);
        positive("errorHold", errorHold);
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        if (duplicateWindow.isNegative()) {
            throw new IllegalArgumentException("duplicateWindow must not be negative: " + duplicateWindow);
        }
        if (maxLengthBytes < 1 || maxLengthBytes > MAX_MAX_LENGTH_BYTES) {
            throw new IllegalArgumentException(
                    "maxLengthBytes must be 1.." + MAX_MAX_LENGTH_BYTES + ": " + maxLengthBytes);
        }
    }

    public ScannerSettings withTerminator(Terminator t) {
        return new ScannerSettings(t, idleGap, maxLengthBytes, encoding, duplicateWindow, errorHold, backoff);
    }

    public ScannerSettings withEncoding(TextEncoding e) {
        return new ScannerSettings(terminator, idleGap, maxLengthBytes, e, duplicateWindow, errorHold, backoff);
    }

    public ScannerSettings withMaxLengthBytes(int max) {
        return new ScannerSettings(terminator, idleGap, max, encoding, duplicateWindow, errorHold, backoff);
    }

    public ScannerSettings withDuplicateWindow(Duration d) {
        return new ScannerSettings(terminator, idleGap, maxLengthBytes, encoding, d, errorHold, backoff);
    }

    public ScannerSettings withIdleGap(Duration d) {
        return new ScannerSettings(terminator, d, maxLengthBytes, encoding, duplicateWindow, errorHold, backoff);
    }

    public ScannerSettings withBackoff(ReconnectBackoff b) {
        return new ScannerSettings(terminator, idleGap, maxLengthBytes, encoding, duplicateWindow, errorHold, b);
    }

    private static void positive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive: " + d);
        }
    }

    /** The tail after each code; {@link #gm65Code()} is its value in bits 6–5 of GM65 zone {@code 0x0060}. */
    public enum Terminator {
        CR(0, new byte[] {0x0D}),
        CRLF(1, new byte[] {0x0D, 0x0A}),
        TAB(2, new byte[] {0x09}),
        NONE(3, new byte[0]);

        private final int gm65Code;
        private final byte[] bytes;

        Terminator(int gm65Code, byte[] bytes) {
            this.gm65Code = gm65Code;
            this.bytes = bytes;
        }

        /** A fresh copy of the tail bytes. */
        public byte[] bytes() {
            return bytes.clone();
        }

        public int gm65Code() {
            return gm65Code;
        }

        /** {@code cr}, {@code crlf}, {@code tab} or {@code none}, any case. */
        public static Terminator parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("terminator must be cr, crlf, tab or none: " + value, e);
            }
        }
    }

    /** How code bytes become text. */
    public enum TextEncoding {
        /** The GM65 factory default, a superset of ASCII. */
        GBK,
        UTF_8,
        /** Valid UTF-8 is taken as UTF-8, anything else as GBK. */
        AUTO;

        /** {@code GBK}, {@code UTF-8} (or {@code UTF8}) or {@code auto}, any case. */
        public static TextEncoding parse(String value) {
            return switch (value.trim().toUpperCase(Locale.ROOT)) {
                case "GBK" -> GBK;
                case "UTF-8", "UTF8", "UTF_8" -> UTF_8;
                case "AUTO" -> AUTO;
                default -> throw new IllegalArgumentException("encoding must be GBK, UTF-8 or auto: " + value);
            };
        }

        /** The GBK charset; needs the JDK's {@code jdk.charsets} module (present in full JDKs and JREs). */
        static Charset gbk() {
            return Charset.forName("GBK");
        }

        static Charset utf8() {
            return StandardCharsets.UTF_8;
        }
    }
}
