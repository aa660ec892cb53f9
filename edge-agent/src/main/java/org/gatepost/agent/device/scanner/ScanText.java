package org.gatepost.agent.device.scanner;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import org.gatepost.agent.device.scanner.ScannerSettings.TextEncoding;

/**
 * Turns the bytes of one scanned line into code text. Strict: bytes that are not valid in the configured
 * encoding are {@code bad-encoding} (never replaced by U+FFFD), and text with control characters
 * ({@link Character#isISOControl}) is {@code bad-text}: QR payloads at a gate are URLs and tokens, and a
 * control character means line noise, not a code. Stateless; safe for concurrent use.
 */
public final class ScanText {
    private ScanText() {}

    /**
     * Decodes {@code line} with {@code encoding}; {@link TextEncoding#AUTO} takes valid UTF-8 as UTF-8 and
     * anything else as GBK.
     *
     * @throws UnreadableScanException with reason {@code bad-encoding} or {@code bad-text}
     */
    public static String decode(byte[] line, TextEncoding encoding) throws UnreadableScanException {
        String text = switch (encoding) {
            case GBK -> strict(line, TextEncoding.gbk());
            case UTF_8 -> strict(line, TextEncoding.utf8());
            case AUTO -> {
                String utf8 = decodeOrNull(line, TextEncoding.utf8());
                yield utf8 != null ? utf8 : strict(line, TextEncoding.gbk());
            }
        };
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new UnreadableScanException("bad-text");
            }
        }
        return text;
    }

    private static String strict(byte[] line, Charset charset) throws UnreadableScanException {
        String s = decodeOrNull(line, charset);
        if (s == null) {
            throw new UnreadableScanException("bad-encoding");
        }
        return s;
    }

    /** The text, or null if {@code line} is not valid in {@code charset}. */
    private static String decodeOrNull(byte[] line, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
