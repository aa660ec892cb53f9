package org.gatepost.agent.identity;

import org.gatepost.agent.entry.Credential;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns a credential number into what may leave the gate: the lowercase hex HMAC-SHA256 of the number
 * (upper case, UTF-8) under the community secret, and a masked form. The hub computes the same hash when
 * operators import residents, so people are matched without the number ever being sent or stored.
 * Safe for concurrent use.
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
            byte[] h = mac.doFinal(number.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    /** An ID card credential: hash plus the first 6 and last 4 characters with {@code *} between. */
    public Credential idCard(String idNumber) {
        return new Credential(Credential.KIND_ID_CARD, hash(idNumber), mask(idNumber));
    }

    /**
     * A credential from an RFID, Wiegand or QR reader: the hash of its number, masked to its last 4 characters
     * ({@code ****1234}), since such numbers carry no structure worth showing.
     */
    public Credential other(String kind, String number) {
        String masked = number.length() <= 4 ? "*".repeat(Math.max(4, number.length()))
                : "*".repeat(Math.min(8, Math.max(4, number.length() - 4))) + number.substring(number.length() - 4);
        return new Credential(kind, hash(number), masked);
    }

    /** {@code 11010519491231002X} becomes {@code 110105********002X}; short numbers become all stars. */
    public static String mask(String number) {
        if (number.length() <= 10) return "*".repeat(number.length());
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }
}
