package org.gatepost.hub.lists;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The hub's copy of the gates' credential hashing ({@code docs/mqtt.md}, {@code credential.hash}): lowercase hex
 * HMAC-SHA256 of the number in upper case (UTF-8) under {@code community.secret}, and the masked form. It must
 * give the gates' exact bytes, since gates match residents by it; the hub does not depend on the agent's code,
 * so the contract examples are the shared oracle. Safe for concurrent use.
 */
public final class CredentialHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public CredentialHasher(String communitySecret) {
        this.key = new SecretKeySpec(communitySecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String hash(String number) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(number.toUpperCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    /** {@code 11010519491231002X} becomes {@code 110105********002X}; 10 characters or fewer become all stars. */
    public static String mask(String number) {
        if (number.length() <= 10) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }
}
