package org.gatepost.hub.lists;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hub's copy of the gates' credential hashing ({@code docs/mqtt.md}, {@code credential.hash};
 * {@code docs/security.md}, Identity hashes). Scheme v1: lowercase hex HMAC-SHA256 of the number in upper case
 * (UTF-8) under {@code community.secret}. Scheme v2: {@code v2:} and the hex {@link Argon2id} of those 32 bytes,
 * so the hub upgrades a stored v1 hash without the number ({@link #upgrade}). It must give the gates' exact bytes,
 * since gates match residents by it; the hub does not depend on the agent's code, so
 * {@code docs/contract/identity-hashes.json} is the shared oracle. Safe for concurrent use.
 */
public final class CredentialHasher {
    public static final String V2_PREFIX = "v2:";
    private static final Pattern V1 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern V1_MASKED_ID = Pattern.compile("[0-9]{6}\\*{8}[0-9]{3}[0-9X*]");
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    private final SecretKeySpec key;

    public CredentialHasher(String communitySecret) {
        this.key = new SecretKeySpec(communitySecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * Scheme v1, cheap: what the imports compute to find repeated numbers. {@link Lists} upgrades every v1 hash to
     * v2 before anything is stored or published ({@link HashUpgrade}).
     */
    public String hash(String number) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HEX.formatHex(mac.doFinal(number.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    /** Scheme v2 of {@code number}: {@code upgrade(hash(number))}. Takes {@link Argon2id}'s CPU time. */
    public String hashV2(String number) {
        return upgrade(hash(number));
    }

    public static boolean isV1(String hash) {
        return V1.matcher(hash).matches();
    }

    /** The v2 hash of the number whose v1 hash is {@code v1}; takes {@link Argon2id}'s CPU time. */
    public static String upgrade(String v1) {
        return upgrade(v1, new Argon2id.Hasher());
    }

    /** {@link #upgrade(String)} on the calling thread's {@code hasher}, for many hashes in a row. */
    static String upgrade(String v1, Argon2id.Hasher hasher) {
        if (!isV1(v1)) {
            throw new IllegalArgumentException("not a v1 hash");
        }
        return V2_PREFIX + HEX.formatHex(hasher.derive(HEX.parseHex(v1)));
    }

    /**
     * The masked form published with v2 hashes: an 18-character ID number shows its region code only
     * ({@code 11010519491231002X} becomes {@code 110105************}); other numbers of more than 10 characters
     * their first 6 and last 4; 10 characters or fewer all stars.
     */
    public static String mask(String number) {
        if (number.length() <= 10) {
            return "*".repeat(number.length());
        }
        if (number.length() == 18) {
            return number.substring(0, 6) + "*".repeat(12);
        }
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }

    /**
     * The masked form hubs published with v1 hashes, first 6 and last 4 characters ({@code 110105********002X}),
     * for tools that show what an older installation holds; the hub itself no longer makes it.
     */
    public static String maskV1(String number) {
        if (number.length() <= 10) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }

    /** A stored v1 masked ID number ({@code 110105********002X}) in the v2 form; anything else unchanged. */
    public static String remask(String masked) {
        return V1_MASKED_ID.matcher(masked).matches() ? masked.substring(0, 6) + "*".repeat(12) : masked;
    }
}
