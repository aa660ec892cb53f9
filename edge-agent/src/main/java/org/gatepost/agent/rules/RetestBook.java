package org.gatepost.agent.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pending retests by credential hash, in memory, restored at start from the gate's ledger (which keeps them with
 * the entries, {@code GateLedger#retests}), so a restart does not forget them. A pending retest expires
 * {@link #EXPIRY} after its rest ends. Also remembers when a credential's retest last decided here
 * ({@link #settledAt}), so a pending retest from the hub's list that this gate has already decided is not applied
 * again before the hub's next list. Not thread safe: the checkpoint calls it under its lock.
 */
public final class RetestBook {
    /** How long after the rest a pending retest still waits for the re-measure. */
    public static final Duration EXPIRY = Duration.ofHours(1);

    /** The first fever reading of a credential: its entry, its body temperature and when the rest ends. */
    public record Pending(long firstSeq, double firstBodyC, Instant restEnds) {}

    private static final int SETTLED_PRUNE_AT = 4096;
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Instant> settled = new HashMap<>();

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

    /** Restores a pending retest read from the ledger at start. */
    public void restore(String hash, long firstSeq, double firstBodyC, Instant restEnds) {
        pending.put(hash, new Pending(firstSeq, firstBodyC, restEnds));
    }

    /** The retest of {@code hash} decided at {@code now}: forgets it and remembers when. */
    public void end(String hash, Instant now) {
        pending.remove(hash);
        if (settled.size() >= SETTLED_PRUNE_AT) {
            settled.values().removeIf(t -> t.isBefore(now.minus(EXPIRY).minus(EXPIRY)));
        }
        settled.put(hash, now);
    }

    /** When a retest of {@code hash} last decided at this gate (since start, or as restored); empty if never. */
    public Optional<Instant> settledAt(String hash) {
        return Optional.ofNullable(settled.get(hash));
    }

    /** Restores {@link #settledAt} from the ledger at start. */
    public void restoreSettled(String hash, Instant at) {
        settled.merge(hash, at, (a, b) -> a.isAfter(b) ? a : b);
    }
}
