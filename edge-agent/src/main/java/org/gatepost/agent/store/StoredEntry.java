package org.gatepost.agent.store;

import java.util.Objects;
import org.gatepost.agent.entry.Decision;

/**
 * An entry as it sits in the outbox.
 *
 * @param seq      position in the store's epoch, 1, 2, 3, …
 * @param payload  the schema-v1 JSON exactly as written at append time; republishing sends these bytes again
 * @param decision the entry's decision, for callers that prioritise or count without parsing the payload
 */
public record StoredEntry(long seq, String payload, Decision decision) {
    public StoredEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1: " + seq);
        }
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(decision, "decision");
    }
}
