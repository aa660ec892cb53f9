package org.gatepost.hub.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the log and the audit show for a typed login name that is no account: {@code unknown-user(len=12,tag=3f9a0c)},
 * never the text itself (people type passwords into the name field). The tag is the start of an HMAC-SHA256 under
 * a key drawn once per process, so repeated attempts with the same text show the same tag until the hub restarts,
 * and nothing about the text can be computed from it offline. Thread safe.
 */
final class TypedNames {
    private static final int TAG_HEX_DIGITS = 6;

    private final SecretKeySpec key;

    TypedNames(SecureRandom random) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    String unknown(String typed) {
        String text = typed == null ? "" : typed;
        return "unknown-user(len=" + text.codePointCount(0, text.length()) + ",tag=" + tag(text) + ")";
    }

    private String tag(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, TAG_HEX_DIGITS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
