package org.gatepost.agent.pass;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the text of a visitor pass's QR code ({@code docs/mqtt.md}, Visitor passes):
 * {@code GPV1.<payload>.<signature>}, both base64url without padding; the signature is Ed25519 over the ASCII
 * bytes of {@code GPV1.<payload>} (the text before the second dot). Stateless; thread safe.
 */
public final class PassCodec {
    public static final String PREFIX = "GPV1.";
    /** Far above a real pass (about 300 characters); longer text is not a pass. */
    public static final int MAX_TEXT = 2048;

    private static final Pattern B64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PassCodec() {}

    /** A token taken apart: the signed bytes, the signature and the payload read from it (not yet verified). */
    public record Parts(byte[] signed, byte[] signature, PassToken token) {}

    /** Whether {@code text} is meant as a pass (the prefix); it may still be malformed. */
    public static boolean looksLikePass(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** The pass id of a well-formed token, else empty (used to name the credential before verification). */
    public static Optional<String> peekId(String text) {
        try {
            return Optional.of(parse(text).token().id());
        } catch (MalformedPassException e) {
            return Optional.empty();
        }
    }

    /** @throws MalformedPassException naming what is wrong (never the content) */
    public static Parts parse(String text) throws MalformedPassException {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new MalformedPassException("prefix");
        }
        if (text.length() > MAX_TEXT) {
            throw new MalformedPassException("too long");
        }
        int dot = text.indexOf('.', PREFIX.length());
        if (dot < 0 || text.indexOf('.', dot + 1) >= 0) {
            throw new MalformedPassException("not three parts");
        }
        String payload = text.substring(PREFIX.length(), dot);
        String sig = text.substring(dot + 1);
        if (!B64URL.matcher(payload).matches() || !B64URL.matcher(sig).matches()) {
            throw new MalformedPassException("not base64url");
        }
        byte[] json;
        byte[] signature;
        try {
            json = Base64.getUrlDecoder().decode(payload);
            signature = Base64.getUrlDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            throw new MalformedPassException("not base64url");
        }
        if (signature.length != 64) {
            throw new MalformedPassException("signature length");
        }
        return new Parts(text.substring(0, dot).getBytes(StandardCharsets.US_ASCII), signature, token(json));
    }

    private static PassToken token(byte[] json) throws MalformedPassException {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MalformedPassException("payload not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new MalformedPassException("payload not an object");
        }
        if (n.path("v").asInt(-1) != 1 || !n.path("v").isInt()) {
            throw new MalformedPassException("v");
        }
        String id = text(n, "id");
        if (!ID.matcher(id).matches()) {
            throw new MalformedPassException("id");
        }
        String uses = text(n, "uses");
        if (!uses.equals("one") && !uses.equals("many")) {
            throw new MalformedPassException("uses");
        }
        Instant from = instant(n, "from");
        Instant to = instant(n, "to");
        if (!from.isBefore(to)) {
            throw new MalformedPassException("from not before to");
        }
        return new PassToken(
                id,
                text(n, "key"),
                text(n, "household"),
                from,
                to,
                uses.equals("one"),
                text(n, "name"),
                text(n, "phone"));
    }

    private static String text(JsonNode n, String field) throws MalformedPassException {
        JsonNode v = n.get(field);
        if (v == null
                || !v.isTextual()
                || v.textValue().isEmpty()
                || v.textValue().length() > 200) {
            throw new MalformedPassException(field);
        }
        return v.textValue();
    }

    private static Instant instant(JsonNode n, String field) throws MalformedPassException {
        try {
            return Instant.parse(text(n, field));
        } catch (DateTimeParseException e) {
            throw new MalformedPassException(field);
        }
    }

    /** Whether {@code signature} is {@code key}'s Ed25519 signature of {@code signed}. */
    public static boolean verify(PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(signed);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
