package org.gatepost.agent.identity;

import java.util.regex.Pattern;

/**
 * The versions of the credential hash ({@code docs/mqtt.md}, {@code credential.hash}; {@code docs/security.md},
 * Identity hashes). A hash names its own version: v1 is 64 lowercase hex digits (HMAC-SHA256 under the community
 * secret), v2 is {@code v2:} followed by 64 lowercase hex digits (Argon2id over the v1 bytes, see {@link Argon2id}).
 */
public enum HashScheme {
    V1,
    V2;

    public static final String V2_PREFIX = "v2:";
    private static final Pattern V1_SHAPE = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ANY_SHAPE = Pattern.compile("(v2:)?[0-9a-f]{64}");

    /** Whether {@code hash} has the shape of a v1 or v2 hash. */
    public static boolean wellFormed(String hash) {
        return ANY_SHAPE.matcher(hash).matches();
    }

    /** The version of a well-formed hash. */
    public static HashScheme of(String hash) {
        if (hash.startsWith(V2_PREFIX)) {
            return V2;
        }
        if (V1_SHAPE.matcher(hash).matches()) {
            return V1;
        }
        throw new IllegalArgumentException("not a credential hash");
    }
}
