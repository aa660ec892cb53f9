package org.gatepost.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored {@code retest} entry, as {@link HubStore#openRetests} returns it.
 *
 * @param at          the gate's time of the entry
 * @param clockSynced whether the gate's clock was synchronised when it made the entry
 * @param receivedAt  when the hub stored it
 * @param bodyC       its body temperature, null without a reading
 * @param payload     its canonical JSON (the {@code retest} object says whether it is a first reading)
 */
public record RetestEntry(
        String gate,
        String epoch,
        long seq,
        String hash,
        Instant at,
        boolean clockSynced,
        Instant receivedAt,
        Double bodyC,
        String payload) {
    public RetestEntry {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(payload, "payload");
    }
}
