package org.gatepost.hub.store;

import java.time.Instant;

/** A stored alert. Nullable: {@code entryId}, {@code acknowledgedAt}, {@code acknowledgedBy}, {@code resolvedAt}. */
public record AlertView(
        long id,
        String kind,
        String severity,
        String gate,
        String entryId,
        String message,
        Instant raisedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt) {}
