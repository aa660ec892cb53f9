package org.gatepost.agent.config;

/**
 * The thermometer models the agent drives, as {@code thermometer.protocol} names them (the constant's name in lower
 * case, '-' for '_'; {@code docs/configuration.md}). Parsed once at config time; the agent's device factory
 * switches on it.
 */
public enum ThermometerKind {
    /** GY-MCU90614/90615 module, UART frames ({@code docs/protocols/thermometer-gy-mcu.md}): {@code gy-mcu}. */
    GY_MCU,
    /** Modbus RTU infrared sensor over RS-485 ({@code docs/protocols/modbus-thermometer.md}): {@code modbus}. */
    MODBUS;

    /** The value of {@code thermometer.protocol} that selects this model. */
    public String wire() {
        return Kinds.wire(this);
    }

    /** The model {@code value} names (case-insensitive); the exception names {@code key} and the accepted values. */
    static ThermometerKind parse(String key, String value) throws ConfigException {
        return Kinds.parse(key, value, values(), false);
    }
}
