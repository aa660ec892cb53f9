package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Brings list items to hash scheme v2 before the hub stores or publishes them ({@code docs/security.md}): a v1
 * {@code hash} becomes {@link CredentialHasher#upgrade}, a v1 {@code masked} ID number its v2 form. Imports hash
 * with v1 (cheap, to find repeated numbers), then pass their items through here; at start the hub passes its
 * stored lists through here, which is how an existing community's lists migrate without the full numbers.
 *
 * <p>The Argon2id hashes run on at most {@link #threads()} threads (the CPUs, at most {@link #MAX_THREADS}), in
 * pieces of {@value #CHUNK} items that each reuse one {@link Argon2id.Hasher}, so memory stays at
 * {@code threads × Argon2id.MEMORY_KIB} KiB and is allocated once a piece, not once a hash. Blocks until every
 * item is done. Stateless.
 */
public final class HashUpgrade {
    /** The most threads an upgrade uses, whatever the CPU count: the hub runs with {@code -Xmx256m}. */
    public static final int MAX_THREADS = 4;

    private static final int CHUNK = 256;

    private HashUpgrade() {}

    /** Whether any item has a v1 hash or a v1 masked ID number. */
    public static boolean needed(List<ObjectNode> items) {
        for (ObjectNode n : items) {
            if (n.hasNonNull("hash") && CredentialHasher.isV1(n.get("hash").asText())) {
                return true;
            }
            if (n.hasNonNull("masked")
                    && !CredentialHasher.remask(n.get("masked").asText())
                            .equals(n.get("masked").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Upgrades {@code items} in place; items without a v1 hash or mask are left as they are. */
    public static void apply(List<ObjectNode> items) {
        for (ObjectNode n : items) {
            if (n.hasNonNull("masked")) {
                n.put("masked", CredentialHasher.remask(n.get("masked").asText()));
            }
        }
        inParallel(items.size(), "hub-hash-upgrade", "upgrading hashes", (hasher, from, to) -> {
            for (ObjectNode n : items.subList(from, to)) {
                if (n.hasNonNull("hash") && CredentialHasher.isV1(n.get("hash").asText())) {
                    n.put("hash", CredentialHasher.upgrade(n.get("hash").asText(), hasher));
                }
            }
        });
    }

    /** The threads {@link #apply} uses: the CPUs, at most {@link #MAX_THREADS}. */
    public static int threads() {
        return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    /** Hashes the items {@code from} (inclusive) to {@code to} (exclusive) of a range on one thread. */
    interface Chunk {
        void hash(Argon2id.Hasher hasher, int from, int to);
    }

    /**
     * Runs {@code chunk} over the range {@code 0..count} in pieces of {@value #CHUNK} on {@link #threads()} threads
     * named {@code threadName} (on the caller's thread when one piece or one thread does), each piece with one
     * {@link Argon2id.Hasher}; blocks until all are done. {@code what} names the work in a failure's message.
     */
    static void inParallel(int count, String threadName, String what, Chunk chunk) {
        int threads = threads();
        if (count == 0) {
            return;
        }
        if (count <= CHUNK || threads == 1) {
            chunk.hash(new Argon2id.Hasher(), 0, count);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().name(threadName).daemon().factory());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < count; from += CHUNK) {
                int start = from;
                int end = Math.min(count, from + CHUNK);
                done.add(pool.submit(() -> chunk.hash(new Argon2id.Hasher(), start, end)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
