package org.gatepost.hub.store;

import java.util.Objects;

/** The alert a condition raises when it opens (see {@link HubTransaction#openCondition}). */
public record ConditionAlert(AlertKind kind, Severity severity, String message) {
    public ConditionAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
