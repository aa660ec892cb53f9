package org.gatepost.hub.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A payload as text fit to keep in a dead letter: at most {@link #MAX_BYTES} bytes of it, decoded as UTF-8
 * with replacement characters, with anything shaped like a full ID number masked. A valid payload never
 * carries an ID number; an invalid one from a buggy agent might, and the hub must not store it.
 */
final class PayloadText {
    static final int MAX_BYTES = 64 * 1024;
    /** 18-character resident ID (17 digits + digit or X), not inside a longer token. */
    private static final Pattern ID_18 =
            Pattern.compile("(?<![0-9A-Za-z])(\\d{6})(\\d{8})(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
    /** The older 15-digit form. */
    private static final Pattern ID_15 = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})(\\d{6})(\\d{3})(?![0-9A-Za-z])");

    private PayloadText() {}

    static String of(byte[] payload) {
        int n = Math.min(payload.length, MAX_BYTES);
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(payload, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen with REPLACE", e);
        }
        return redact(text);
    }

    static String redact(String text) {
        String once = mask(ID_18, text);
        return mask(ID_15, once);
    }

    private static String mask(Pattern p, String text) {
        return p.matcher(text)
                .replaceAll(m -> m.group(1) + "*".repeat(m.group(2).length()) + m.group(3));
    }
}
