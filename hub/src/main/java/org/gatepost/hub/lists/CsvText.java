package org.gatepost.hub.lists;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes an uploaded CSV file: UTF-8 with or without a byte order mark, otherwise GBK (what spreadsheet programs
 * in China save as "CSV"), unless the caller names the encoding. Decoding is strict: a byte sequence that is not
 * valid in the chosen encoding is an error, never a replacement character in a name. Stateless.
 */
public final class CsvText {
    public static final Charset GBK = Charset.forName("GBK");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** The text and the encoding it was read in ({@code UTF-8} or {@code GBK}). */
    public record Decoded(String text, String encoding) {}

    /**
     * A file already checked to be text in {@code charset}, to be read as often as needed without ever being held
     * as one {@code String} (a 32 MB file of Chinese text is 64 MB of chars).
     *
     * @param encoding {@code UTF-8} or {@code GBK}
     */
    public record Source(byte[] bytes, int offset, Charset charset, String encoding) {
        /** A fresh reader from the start of the text (after any byte order mark). */
        public Reader reader() {
            return new InputStreamReader(
                    new ByteArrayInputStream(bytes, offset, bytes.length - offset), strictDecoder(charset));
        }
    }

    private CsvText() {}

    /**
     * @param encoding {@code utf-8}, {@code gbk} or empty to detect
     * @throws ImportException when the bytes are not text in the encoding, or the encoding is unknown
     */
    public static Decoded decode(byte[] bytes, Optional<String> encoding) throws ImportException {
        rejectUtf16(bytes);
        boolean bom = startsWithBom(bytes);
        String wanted = wanted(encoding);
        ByteBuffer body = ByteBuffer.wrap(bytes, bom ? 3 : 0, bytes.length - (bom ? 3 : 0));
        return switch (wanted) {
            case "utf-8", "utf8" -> new Decoded(strict(body, StandardCharsets.UTF_8), "UTF-8");
            case "gbk", "gb2312", "gb18030" -> new Decoded(strict(body, GBK), "GBK");
            case "" -> detect(body, bom);
            default -> throw new ImportException("encoding: must be utf-8 or gbk, got '" + shorten(wanted) + "'");
        };
    }

    /**
     * Like {@link #decode} without decoding into memory: the bytes are checked in chunks and read later through
     * {@link Source#reader()}.
     */
    public static Source open(byte[] bytes, Optional<String> encoding) throws ImportException {
        rejectUtf16(bytes);
        boolean bom = startsWithBom(bytes);
        String wanted = wanted(encoding);
        int offset = bom ? 3 : 0;
        return switch (wanted) {
            case "utf-8", "utf8" -> checked(bytes, offset, StandardCharsets.UTF_8, "UTF-8");
            case "gbk", "gb2312", "gb18030" -> checked(bytes, offset, GBK, "GBK");
            case "" -> {
                if (valid(bytes, offset, StandardCharsets.UTF_8)) {
                    yield new Source(bytes, offset, StandardCharsets.UTF_8, "UTF-8");
                }
                if (bom) {
                    throw new ImportException("the file starts like UTF-8 but holds bytes that are not UTF-8");
                }
                yield checked(bytes, offset, GBK, "GBK");
            }
            default -> throw new ImportException("encoding: must be utf-8 or gbk, got '" + shorten(wanted) + "'");
        };
    }

    private static Source checked(byte[] bytes, int offset, Charset cs, String name) throws ImportException {
        if (!valid(bytes, offset, cs)) {
            throw new ImportException("the file is neither UTF-8 nor GBK text (or not the encoding given)");
        }
        return new Source(bytes, offset, cs, name);
    }

    /** Decodes into a small buffer, over and over: true when every byte is text in {@code cs}. */
    private static boolean valid(byte[] bytes, int offset, Charset cs) {
        CharsetDecoder d = strictDecoder(cs);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                return false;
            }
            out.clear();
            if (r.isUnderflow()) {
                break;
            }
        }
        while (true) {
            CoderResult r = d.flush(out);
            out.clear();
            if (r.isUnderflow()) {
                return true;
            }
        }
    }

    private static CharsetDecoder strictDecoder(Charset cs) {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
    }

    /** @throws ImportException when {@code bytes} start with a UTF-16 byte order mark (either byte order) */
    private static void rejectUtf16(byte[] bytes) throws ImportException {
        if (bytes.length >= 2
                && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE
                        || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)) {
            throw new ImportException("the file is UTF-16 (\"Unicode text\"): save it as CSV (UTF-8 or GBK)");
        }
    }

    /** The encoding the caller named, stripped and in lower case; empty to detect. */
    private static String wanted(Optional<String> encoding) {
        return encoding.map(e -> e.strip().toLowerCase(Locale.ROOT)).orElse("");
    }

    private static Decoded detect(ByteBuffer body, boolean bom) throws ImportException {
        try {
            return new Decoded(decodeOrThrow(body.duplicate(), StandardCharsets.UTF_8), "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            if (bom) {
                throw new ImportException("the file starts like UTF-8 but holds bytes that are not UTF-8");
            }
            return new Decoded(strict(body, GBK), "GBK");
        }
    }

    private static String strict(ByteBuffer body, Charset cs) throws ImportException {
        try {
            return decodeOrThrow(body.duplicate(), cs);
        } catch (CharacterCodingException e) {
            throw new ImportException("the file is neither UTF-8 nor GBK text (or not the encoding given)");
        }
    }

    private static String decodeOrThrow(ByteBuffer body, Charset cs) throws CharacterCodingException {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(body)
                .toString();
    }

    private static String shorten(String s) {
        return s.length() > 20 ? s.substring(0, 20) : s;
    }
}
