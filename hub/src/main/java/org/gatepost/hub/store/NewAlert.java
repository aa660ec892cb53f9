package org.gatepost.hub.store;

import java.util.Objects;

/**
 * An alert to raise. {@code dedupeKey} is unique across all alerts ever raised: raising the same key again
 * does nothing, which is how a twice-delivered entry raises one alert.
 *
 * @param entryId the entry that caused it, or null (gate alerts)
 */
public record NewAlert(
        AlertKind kind, Severity severity, String gate, String entryId, String message, String dedupeKey) {
    public NewAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
    }
}
