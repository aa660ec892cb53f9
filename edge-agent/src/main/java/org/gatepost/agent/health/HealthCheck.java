package org.gatepost.agent.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.gatepost.agent.config.HealthConfig;
import org.gatepost.agent.entry.HealthStatus;

/**
 * The checkpoint's health check: whom to ask, how long a decision waits, and what each colour decides
 * ({@code docs/health.md}): red always denies ({@code deny-health}), green never, yellow and unknown as configured.
 *
 * @param provider null for {@link #NONE}
 * @param desk     the console's side: the volunteer provider, else {@link HealthDesk#NONE}
 */
public record HealthCheck(
        HealthStatusProvider provider, HealthDesk desk, Duration maxWait, boolean yellowDenies, boolean unknownDenies) {
    /** No health check: entries carry no {@code health} and no decision changes. */
    public static final HealthCheck NONE = new HealthCheck(null, HealthDesk.NONE, Duration.ZERO, false, false);

    public HealthCheck {
        Objects.requireNonNull(desk, "desk");
        Objects.requireNonNull(maxWait, "maxWait");
    }

    /** The check {@code config} describes, with its provider made. */
    public static HealthCheck of(HealthConfig config, Clock clock) {
        return switch (config.provider()) {
            case NONE -> NONE;
            case VOLUNTEER -> {
                VolunteerHealthProvider v = new VolunteerHealthProvider(clock);
                yield new HealthCheck(v, v, config.maxWait(), config.yellowDenies(), config.unknownDenies());
            }
            case HTTP ->
                new HealthCheck(
                        new HttpHealthProvider(config.url(), config.source(), config.maxWait(), clock),
                        HealthDesk.NONE,
                        config.maxWait(),
                        config.yellowDenies(),
                        config.unknownDenies());
        };
    }

    public boolean enabled() {
        return provider != null;
    }

    /** Whether {@code status} makes the decision {@code deny-health}. */
    public boolean denies(HealthStatus status) {
        return switch (status.colour()) {
            case GREEN -> false;
            case YELLOW -> yellowDenies;
            case RED -> true;
            case UNKNOWN -> unknownDenies;
        };
    }
}
