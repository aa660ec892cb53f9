package org.gatepost.agent.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gatepost.agent.entry.Credential;

/**
 * Turns a credential number into what may leave the gate: its keyed hash and a masked form
 * ({@code docs/security.md}, Identity hashes). Scheme v1 is the lowercase hex HMAC-SHA256 of the number (upper
 * case, UTF-8) under the community secret; scheme v2 is {@code v2:} and the hex Argon2id of those 32 HMAC bytes
 * ({@link Argon2id}), which costs milliseconds per hash, so a stolen gate's secret no longer recovers numbers in
 * milliseconds. The hub computes the same hashes when operators import residents, so people are matched without
 * the number ever being sent or stored. Safe for concurrent use; a v2 hash blocks for its CPU time.
 */
public final class CredentialHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    private final SecretKeySpec key;

    public CredentialHasher(String communitySecret) {
        this.key = new SecretKeySpec(communitySecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Scheme v1: lowercase hex HMAC-SHA256 of the number in upper case. */
    public String hash(String number) {
        return HEX.formatHex(hmac(number));
    }

    /** The hash of {@code number} under {@code scheme}. */
    public String hash(String number, HashScheme scheme) {
        return switch (scheme) {
            case V1 -> hash(number);
            case V2 -> HashScheme.V2_PREFIX + HEX.formatHex(Argon2id.derive(hmac(number)));
        };
    }

    /** The v2 hash of the number whose v1 hash is {@code v1}: what the hub does to the hashes it stored. */
    public static String upgrade(String v1) {
        if (HashScheme.of(v1) != HashScheme.V1) {
            throw new IllegalArgumentException("not a v1 hash");
        }
        return HashScheme.V2_PREFIX + HEX.formatHex(Argon2id.derive(HEX.parseHex(v1)));
    }

    private byte[] hmac(String number) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(number.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    /** An ID card credential under scheme v1: hash plus the first 6 and last 4 characters with {@code *} between. */
    public Credential idCard(String idNumber) {
        return idCard(idNumber, HashScheme.V1);
    }

    /**
     * An ID card credential under {@code scheme}: v1 as {@link #idCard(String)}; v2 with its hash and only the
     * region code shown ({@link #mask(String, HashScheme)}).
     */
    public Credential idCard(String idNumber, HashScheme scheme) {
        return new Credential(Credential.KIND_ID_CARD, hash(idNumber, scheme), mask(idNumber, scheme));
    }

    /**
     * A credential from an RFID, Wiegand or QR reader: the hash of its number, masked to its last 4 characters
     * ({@code ****1234}), since such numbers carry no structure worth showing.
     */
    public Credential other(String kind, String number) {
        return other(kind, number, HashScheme.V1);
    }

    /** As {@link #other(String, String)}, hashed under {@code scheme}. */
    public Credential other(String kind, String number, HashScheme scheme) {
        String masked = number.length() <= 4
                ? "*".repeat(Math.max(4, number.length()))
                : "*".repeat(Math.min(8, Math.max(4, number.length() - 4))) + number.substring(number.length() - 4);
        return new Credential(kind, hash(number, scheme), masked);
    }

    /** Scheme v1's mask: {@code 11010519491231002X} becomes {@code 110105********002X}; short numbers all stars. */
    public static String mask(String number) {
        if (number.length() <= 10) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }

    /**
     * The masked form that goes with {@code scheme}. Under v2 an 18-character ID number shows its region code
     * only ({@code 110105************}): the birth date, sequence and check character stay hidden, since each
     * shown digit divides the attack's work ({@code docs/security.md}). Other numbers are masked as under v1.
     */
    public static String mask(String number, HashScheme scheme) {
        if (scheme == HashScheme.V2 && number.length() == 18) {
            return number.substring(0, 6) + "*".repeat(12);
        }
        return mask(number);
    }
}
