package org.gatepost.agent.device;

import java.util.Objects;

/**
 * One configured device as the heartbeat reports it ({@code devices[]} in {@code docs/mqtt.md}): what kind
 * of device it is and its driver's health snapshot. Immutable.
 *
 * @param kind   {@link #THERMOMETER}, {@link #READER} or {@link #INPUT}
 * @param health the driver's snapshot; its {@code device} is the configured name
 */
public record DeviceReport(String kind, DeviceHealth health) {
    public static final String THERMOMETER = "thermometer";
    public static final String READER = "reader";
    public static final String INPUT = "input";

    public DeviceReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(health, "health");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be blank");
        }
    }
}
