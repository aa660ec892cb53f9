package org.gatepost.hub.lists;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The memory-hard step of hash scheme v2: Argon2id (RFC 9106, version 0x13) over the 32 bytes of the v1 HMAC, with
 * the parameters below, a fixed salt and a 32-byte output. The only class of the hub that touches Bouncy
 * Castle. The agent has the same class ({@code org.gatepost.agent.identity.Argon2id}; the hub does not depend on
 * the agent's code); {@code docs/contract/identity-hashes.json} holds the vectors both sides' tests check. Changing a parameter is a new scheme version, never an edit.
 * {@link #derive} is stateless and safe for concurrent use; each call allocates {@link #MEMORY_KIB} KiB and takes
 * about a millisecond of CPU ({@code docs/security.md}); a {@link Hasher} allocates that memory once for many hashes.
 */
public final class Argon2id {
    /** Memory per hash in KiB (m). */
    public static final int MEMORY_KIB = 1024;
    /** Passes over the memory (t). */
    public static final int ITERATIONS = 2;
    /** Lanes (p). */
    public static final int PARALLELISM = 1;
    /** Output length in bytes. */
    public static final int LENGTH = 32;
    /**
     * The fixed salt, the ASCII bytes of {@code gatepost/id/v2}. The community secret is already the key of the v1 layer; a per-resident salt is impossible
     * because the gate must find a resident by the hash of the card alone ({@code docs/security.md}).
     */
    private static final byte[] SALT = "gatepost/id/v2".getBytes(StandardCharsets.US_ASCII);

    private static final Argon2Parameters PARAMETERS = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(MEMORY_KIB)
            .withIterations(ITERATIONS)
            .withParallelism(PARALLELISM)
            .withSalt(SALT)
            .build();

    private Argon2id() {}

    /** Argon2id of {@code input}; blocks the calling thread for the hash's CPU time. For one hash. */
    public static byte[] derive(byte[] input) {
        return new Hasher().derive(input);
    }

    /**
     * Hashes one input after another in the same {@link #MEMORY_KIB} KiB, allocated once: an import of 200,000
     * residents would otherwise allocate 200 GB, one MiB a hash, and under the hub's {@code -Xmx256m} with the
     * import's own data held the collector would run every few dozen hashes. Gives exactly {@link #derive}'s bytes
     * (Bouncy Castle clears the memory after each hash). Not thread safe: one per thread.
     */
    public static final class Hasher {
        private final Argon2BytesGenerator generator = new Argon2BytesGenerator();

        public Hasher() {
            generator.init(PARAMETERS);
        }

        /** Argon2id of {@code input}; blocks the calling thread for the hash's CPU time. */
        public byte[] derive(byte[] input) {
            byte[] out = new byte[LENGTH];
            generator.generateBytes(input, out);
            return out;
        }
    }
}
