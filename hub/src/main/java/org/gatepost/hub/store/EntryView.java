package org.gatepost.hub.store;

import java.time.Duration;
import java.time.Instant;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.EntryRules;

/**
 * A stored entry for display. Carries the masked credential only, never its hash; the rule fields carry badge
 * hashes ({@code duty}, {@code override.by}) that the web layer resolves to names and never shows.
 *
 * @param credentialKind   null for a measure-only entry (then {@code credentialMasked} is null too)
 * @param temperature      null when the gate had no reading
 * @param admitted         whether the gate opened
 * @param rules            the entry's rule fields; null for an entry of an agent without lists
 * @param health           the health check's colour, source and time; null when the gate made none
 */
public record EntryView(
        String id,
        String gate,
        String epoch,
        long seq,
        Instant at,
        Instant receivedAt,
        boolean clockSynced,
        String credentialKind,
        String credentialMasked,
        EntryMessage.Temperature temperature,
        String decision,
        double thresholdC,
        boolean admitted,
        EntryRules rules,
        EntryMessage.Health health) {
    /** An entry whose delay exceeds this arrived late (a backlog after an outage, a slow link). */
    public static final Duration LATE_AFTER = Duration.ofSeconds(10);

    /**
     * How long after its decision the hub received the entry, {@code receivedAt − at} in milliseconds; null when
     * the gate's clock was not synchronised (then {@code at} says nothing). Negative when the gate's clock is ahead.
     */
    public Long delayMs() {
        return clockSynced ? Duration.between(at, receivedAt).toMillis() : null;
    }

    /** The delay is known and longer than {@link #LATE_AFTER}. */
    public boolean late() {
        Long d = delayMs();
        return d != null && d > LATE_AFTER.toMillis();
    }
}
