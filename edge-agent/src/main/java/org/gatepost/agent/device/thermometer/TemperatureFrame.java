package org.gatepost.agent.device.thermometer;

import java.util.Optional;

/**
 * One decoded GY-MCU temperature frame, exactly as sent: raw signed values in 0.01 °C. Immutable.
 *
 * @param objectCentiC  object (target) temperature, 0.01 °C, signed 16-bit
 * @param ambientCentiC ambient (sensor die) temperature, 0.01 °C, signed 16-bit
 */
public record TemperatureFrame(int objectCentiC, int ambientCentiC) {

    public TemperatureFrame {
        requireInt16("objectCentiC", objectCentiC);
        requireInt16("ambientCentiC", ambientCentiC);
    }

    /** Object temperature in °C, unrounded. */
    public double objectC() {
        return objectCentiC / 100.0;
    }

    /** Ambient temperature in °C, unrounded. */
    public double ambientC() {
        return ambientCentiC / 100.0;
    }

    /**
     * Why this frame cannot be a real MLX9061x measurement, or empty when it can: {@code ambient-out-of-range}
     * outside −40…125 °C, {@code object-out-of-range} outside −70…380 °C (the sensor's calibrated ranges).
     */
    public Optional<String> rangeProblem() {
        if (ambientCentiC < GyMcuCodec.AMBIENT_MIN_CENTI_C || ambientCentiC > GyMcuCodec.AMBIENT_MAX_CENTI_C) {
            return Optional.of("ambient-out-of-range");
        }
        if (objectCentiC < GyMcuCodec.OBJECT_MIN_CENTI_C || objectCentiC > GyMcuCodec.OBJECT_MAX_CENTI_C) {
            return Optional.of("object-out-of-range");
        }
        return Optional.empty();
    }

    static void requireInt16(String name, int value) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must fit in a signed 16-bit integer: " + value);
        }
    }
}
