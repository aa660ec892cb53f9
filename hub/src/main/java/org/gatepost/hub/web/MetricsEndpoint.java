package org.gatepost.hub.web;

import java.util.Objects;

/** {@code /metrics} is served with {@code metrics} to requests that carry {@code token} ({@code metrics.token}). */
public record MetricsEndpoint(String token, Metrics metrics) {
    public MetricsEndpoint {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(metrics, "metrics");
    }
}
