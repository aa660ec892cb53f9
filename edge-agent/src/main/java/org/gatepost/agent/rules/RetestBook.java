package org.gatepost.agent.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pending retests by credential hash, in memory: a restart forgets them (the person is then measured as if for
 * the first time). A pending retest expires {@link #EXPIRY} after its rest ends. Not thread safe: the checkpoint
 * calls it under its lock.
 */
public final class RetestBook {
    /** How long after the rest a pending retest still waits for the re-measure. */
    public static final Duration EXPIRY = Duration.ofHours(1);

    /** The first fever reading of a credential: its entry, its body temperature and when the rest ends. */
    public record Pending(long firstSeq, double firstBodyC, Instant restEnds) {
    }

    private final Map<String, Pending> pending = new HashMap<>();

    /** The pending retest of {@code hash} at {@code now}, dropping it if it expired. */
    public Optional<Pending> pending(String hash, Instant now) {
        Pending p = pending.get(hash);
        if (p != null && !now.isBefore(p.restEnds().plus(EXPIRY))) {
            pending.remove(hash);
            return Optional.empty();
        }
        return Optional.ofNullable(p);
    }

    /** Remembers a first fever reading at {@code now}; drops every pending retest that expired by then. */
    public void start(String hash, long firstSeq, double firstBodyC, Instant now, Duration rest) {
        pending.values().removeIf(p -> !now.isBefore(p.restEnds().plus(EXPIRY)));
        pending.put(hash, new Pending(firstSeq, firstBodyC, now.plus(rest)));
    }

    /** Pending retests held now, expired ones not yet dropped included. */
    public int size() {
        return pending.size();
    }

    public void end(String hash) {
        pending.remove(hash);
    }
}
