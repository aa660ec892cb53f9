package org.gatepost.agent.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Register map of a Modbus RTU infrared thermometer ({@code thermometer.protocol=modbus}); vendors differ, so
 * everything is configurable. Defaults fit the MQ485A: slave 1, object in register 0, ambient in register 1,
 * 0.01 °C per bit, two's complement.
 *
 * @param ambientRegister -1 when the sensor has no ambient register
 * @param scale          °C per register bit: 0.01 or 0.1
 * @param signMagnitude  true when the top bit is a sign and the rest a magnitude, false for two's complement
 */
public record ModbusConfig(
        int slave, int objectRegister, int ambientRegister, double scale, boolean signMagnitude, Duration poll) {
    public static final Duration DEFAULT_POLL = Duration.ofMillis(200);

    static ModbusConfig parse(Properties2 c) throws ConfigException {
        int slave = c.integer("thermometer.modbus.slave", 1, 1, 247);
        int object = c.integer("thermometer.modbus.object-register", 0, 0, 65535);
        int ambient = c.integer("thermometer.modbus.ambient-register", 1, -1, 65535);
        if (ambient == object) {
            throw new ConfigException("thermometer.modbus.ambient-register", "must differ from the object register");
        }
        double scale = c.decimal("thermometer.modbus.scale", 0.01, 0.001, 1.0);
        if (scale != 0.01 && scale != 0.1) {
            throw new ConfigException("thermometer.modbus.scale", "must be 0.01 or 0.1 (°C per bit), got " + scale);
        }
        String sign = c.string("thermometer.modbus.sign", "twos-complement").toLowerCase(Locale.ROOT);
        if (!sign.equals("twos-complement") && !sign.equals("sign-magnitude")) {
            throw new ConfigException(
                    "thermometer.modbus.sign", "must be twos-complement or sign-magnitude, got '" + sign + "'");
        }
        return new ModbusConfig(
                slave,
                object,
                ambient,
                scale,
                sign.equals("sign-magnitude"),
                c.duration("thermometer.modbus.poll", DEFAULT_POLL, Duration.ofMillis(50), Duration.ofSeconds(10)));
    }
}
