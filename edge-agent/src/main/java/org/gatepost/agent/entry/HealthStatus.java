package org.gatepost.agent.entry;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a health check said: the colour, who said it and when. Everything an entry records of a health check; the
 * code's content (name, number, test details) never reaches the gate.
 *
 * @param source    {@code volunteer}, or the {@code health.source} of an {@code http} provider (e.g. {@code simulated})
 * @param checkedAt when the answer arrived, or, for {@link HealthColour#UNKNOWN}, when the gate stopped waiting
 */
public record HealthStatus(HealthColour colour, String source, Instant checkedAt) {
    /** A source name: 1–32 lowercase letters, digits or '-', starting with a letter (as the hub checks it). */
    public static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public HealthStatus {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(checkedAt, "checkedAt");
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("source must match " + SOURCE + ": " + source);
        }
    }

    public static HealthStatus unknown(String source, Instant at) {
        return new HealthStatus(HealthColour.UNKNOWN, source, at);
    }
}
