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
 * <p>The Argon2id hashes run on at most {@link #threads()} threads (the CPUs, at most {@link #MAX_THREADS}), so
 * memory stays at {@code threads × Argon2id.MEMORY_KIB} KiB. Blocks until every item is done. Stateless.
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
        int threads = threads();
        if (items.size() <= CHUNK || threads == 1) {
            upgrade(items);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hub-hash-upgrade");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < items.size(); from += CHUNK) {
                List<ObjectNode> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
                done.add(pool.submit(() -> upgrade(chunk)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while upgrading hashes", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hash upgrade failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The threads {@link #apply} uses: the CPUs, at most {@link #MAX_THREADS}. */
    public static int threads() {
        return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    private static void upgrade(List<ObjectNode> items) {
        for (ObjectNode n : items) {
            if (n.hasNonNull("hash") && CredentialHasher.isV1(n.get("hash").asText())) {
                n.put("hash", CredentialHasher.upgrade(n.get("hash").asText()));
            }
        }
    }
}
