package org.gatepost.agent.device.modbus;

import java.util.Optional;

/**
 * What one block of registers says under a register map, before it is trusted. Immutable.
 *
 * @param ambientC NaN when the map has no ambient register
 * @param status   the status register's value, 0 when the map has none
 */
record RegisterReading(double objectC, double ambientC, int status, int errorMask) {
    /** MLX9061x-class factory-calibrated ranges (reference notes 1.2 and 1.4), in °C. */
    static final double OBJECT_MIN_C = -70;

    static final double OBJECT_MAX_C = 380;
    static final double AMBIENT_MIN_C = -40;
    static final double AMBIENT_MAX_C = 125;

    /** Reads the mapped registers out of {@code reply}, which must answer {@code settings.readRequest()}. */
    static RegisterReading from(ModbusThermometerSettings settings, ModbusResponse.Registers reply) {
        int first = settings.firstRegister();
        double object = settings.toCelsius(reply.value(settings.objectRegister() - first));
        double ambient = settings.hasAmbient()
                ? settings.toCelsius(reply.value(settings.ambientRegister() - first))
                : Double.NaN;
        int status = settings.hasStatus() ? reply.value(settings.statusRegister() - first) : 0;
        return new RegisterReading(object, ambient, status, settings.statusErrorMask());
    }

    /** Why the reading must not be used: {@code sensor-error}, {@code object-out-of-range}, {@code ambient-out-of-range}. */
    Optional<String> problem() {
        if ((status & errorMask) != 0) {
            return Optional.of("sensor-error");
        }
        if (objectC < OBJECT_MIN_C || objectC > OBJECT_MAX_C) {
            return Optional.of("object-out-of-range");
        }
        if (!Double.isNaN(ambientC) && (ambientC < AMBIENT_MIN_C || ambientC > AMBIENT_MAX_C)) {
            return Optional.of("ambient-out-of-range");
        }
        return Optional.empty();
    }
}
