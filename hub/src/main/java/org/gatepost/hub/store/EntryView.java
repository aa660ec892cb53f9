package org.gatepost.hub.store;

import org.gatepost.hub.contract.EntryMessage;

import java.time.Instant;

/**
 * A stored entry for display. Carries the masked credential only, never its hash.
 *
 * @param credentialKind   null for a measure-only entry (then {@code credentialMasked} is null too)
 * @param temperature      null when the gate had no reading
 */
public record EntryView(String id, String gate, String epoch, long seq, Instant at, Instant receivedAt,
                        boolean clockSynced, String credentialKind, String credentialMasked,
                        EntryMessage.Temperature temperature, String decision, double thresholdC) {
}
