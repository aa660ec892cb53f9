package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The scheme-v2 hashes of one import's items, computed between the import's two passes: the first pass
 * {@link #collect}s each item's v1 hash (32 bytes, so 200,000 residents hold about 10 MB, not their JSON),
 * {@link #compute} runs the Argon2id work outside any store transaction on {@link HashUpgrade#threads()} threads,
 * and the second pass, inside the transaction, {@link #apply}s them by position. So a long hashing time never
 * holds the store's writer (ingest goes on) and the items are still never all held at once.
 *
 * <p>Not thread safe: one import uses it from one thread ({@link #compute} uses its own pool and blocks).
 */
final class ImportHashes {
    private static final HexFormat HEX = HexFormat.of();
    private final List<byte[]> v1 = new ArrayList<>();
    private byte[][] v2;

    /** First pass: remembers item {@code i}'s v1 hash (or that it has none) in file order. */
    void collect(ObjectNode item) {
        String hash = item.hasNonNull("hash") ? item.get("hash").asText() : null;
        v1.add(hash != null && CredentialHasher.isV1(hash) ? HEX.parseHex(hash) : null);
    }

    /** Computes every collected hash's v2; blocks for the Argon2id work. */
    void compute() {
        v2 = new byte[v1.size()][];
        HashUpgrade.inParallel(v1.size(), "hub-import-hash", "hashing an import", (hasher, from, to) -> {
            for (int i = from; i < to; i++) {
                byte[] h = v1.get(i);
                v2[i] = h == null ? null : hasher.derive(h);
            }
        });
    }

    /**
     * Second pass: item {@code index} (in the same file order as {@link #collect}) under scheme v2. Throws
     * {@link IllegalStateException} when the item is not the one collected at that position.
     */
    void apply(int index, ObjectNode item) {
        if (item.hasNonNull("masked")) {
            item.put("masked", CredentialHasher.remask(item.get("masked").asText()));
        }
        if (index >= v1.size()) {
            throw new IllegalStateException("second pass has more items than the first (" + v1.size() + ")");
        }
        byte[] h = v1.get(index);
        String hash = item.hasNonNull("hash") ? item.get("hash").asText() : null;
        if (h == null) {
            if (hash != null && CredentialHasher.isV1(hash)) {
                throw new IllegalStateException("item " + index + " differs between the two passes");
            }
            return;
        }
        if (hash == null || !Arrays.equals(h, HEX.parseHex(hash))) {
            throw new IllegalStateException("item " + index + " differs between the two passes");
        }
        item.put("hash", CredentialHasher.V2_PREFIX + HEX.formatHex(v2[index]));
    }
}
