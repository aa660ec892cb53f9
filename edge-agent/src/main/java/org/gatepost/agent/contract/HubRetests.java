package org.gatepost.agent.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The pending retests other gates of the community started, as the hub's pending-retests list last said
 * ({@code docs/mqtt.md}, Pending retests). Implementations are thread safe and never block.
 */
@FunctionalInterface
public interface HubRetests {
    /** A gate that has no list from the hub. */
    HubRetests NONE = (hash, now) -> Optional.empty();

    /** The pending retest of {@code hash} started at another gate, unexpired at {@code now}; empty when none. */
    Optional<Item> pending(String hash, Instant now);

    /**
     * One item of the list.
     *
     * @param gate       the gate that made the first reading
     * @param firstSeq   that entry's seq at that gate
     * @param firstBodyC the first reading
     * @param firstAt    when it was made
     * @param until      the end of the rest: the person is held (retest) until then
     * @param expires    after this the item no longer applies (the person is measured as if for the first time)
     */
    record Item(
            String hash,
            String gate,
            long firstSeq,
            double firstBodyC,
            Instant firstAt,
            Instant until,
            Instant expires) {
        public Item {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(gate, "gate");
            Objects.requireNonNull(firstAt, "firstAt");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(expires, "expires");
        }

        /** The rest in whole seconds, 0..3600. */
        public long restS() {
            long s = Duration.between(firstAt, until).toSeconds();
            return Math.max(0, Math.min(3600, s));
        }
    }
}
