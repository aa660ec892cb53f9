package org.gatepost.agent.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The thermometer models the agent drives, as {@code thermometer.protocol} names them
 * ({@code docs/configuration.md}). Parsed once at config time; the agent's device factory switches on it.
 */
public enum ThermometerKind {
    /** GY-MCU90614/90615 module, UART frames ({@code docs/protocols/thermometer-gy-mcu.md}). */
    GY_MCU("gy-mcu"),
    /** Modbus RTU infrared sensor over RS-485 ({@code docs/protocols/modbus-thermometer.md}). */
    MODBUS("modbus");

    private final String wire;

    ThermometerKind(String wire) {
        this.wire = wire;
    }

    /** The value of {@code thermometer.protocol} that selects this model. */
    public String wire() {
        return wire;
    }

    /** The model {@code value} names (case-insensitive); the exception names {@code key} and the accepted values. */
    static ThermometerKind parse(String key, String value) throws ConfigException {
        String v = value.toLowerCase(Locale.ROOT);
        for (ThermometerKind k : values()) if (k.wire.equals(v)) return k;
        List<String> accepted = Arrays.stream(values()).map(ThermometerKind::wire).toList();
        String list = String.join(", ", accepted.subList(0, accepted.size() - 1)) + " or " + accepted.getLast();
        throw new ConfigException(key, "must be " + list + ", got '" + v + "'");
    }
}
