package org.gatepost.agent.device;

import java.time.Instant;
import java.util.Objects;

/**
 * One valid thermometer measurement as delivered by any thermometer driver (GY-MCU, Modbus). Immutable.
 *
 * @param objectC   object (target) temperature in °C, unrounded, no body offset applied
 * @param ambientC  ambient (sensor) temperature in °C, unrounded
 * @param at        wall-clock time of arrival, from the driver's injected {@link java.time.Clock}
 * @param monoNanos {@link System#nanoTime()} at arrival, for measuring the age of a reading
 */
public record TemperatureReading(double objectC, double ambientC, Instant at, long monoNanos) {
    public TemperatureReading {
        Objects.requireNonNull(at, "at");
    }
}
