package org.gatepost.agent.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The gate's local settings for its rules ({@code docs/configuration.md}): the time zone of quota periods and
 * exit windows, whether volunteers confirm masks, the override button's reason code, the ID card reader's lane
 * and the direction switch.
 *
 * @param zone                 {@code gate.zone}; default the system zone
 * @param maskCheck            {@code mask.check=confirm}; false for {@code off} (the default)
 * @param overrideButtonReason {@code override.button-reason}; default {@code other}
 * @param idcardLane           {@code idcard.lane}: {@code in}, {@code out} or {@code both} (the default)
 * @param directionPin         {@code gpio.direction}: BCM pin of the direction switch, {@link GpioConfig#NONE} if none
 */
public record GateRulesConfig(
        ZoneId zone, boolean maskCheck, String overrideButtonReason, String idcardLane, int directionPin) {
    /** Override reason codes, in display order ({@code docs/mqtt.md}, {@code override.reason}). */
    public static final List<String> OVERRIDE_REASONS =
            List.of("medical-emergency", "official-duty", "thermometer-fault", "mask-provided", "other");

    public static final String DEFAULT_OVERRIDE_REASON = "other";

    public GateRulesConfig {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(idcardLane, "idcardLane");
        if (!OVERRIDE_REASONS.contains(overrideButtonReason)) {
            throw new IllegalArgumentException("unknown override reason: " + overrideButtonReason);
        }
    }

    /** System zone, no mask check, reason {@code other}, lane both, no direction switch. */
    public static GateRulesConfig defaults() {
        return new GateRulesConfig(ZoneId.systemDefault(), false, DEFAULT_OVERRIDE_REASON, "both", GpioConfig.NONE);
    }

    static GateRulesConfig parse(Properties2 c, GpioConfig gpio) throws ConfigException {
        ZoneId zone;
        String z = c.string("gate.zone", null);
        try {
            zone = z == null ? ZoneId.systemDefault() : ZoneId.of(z.trim());
        } catch (DateTimeException e) {
            throw new ConfigException("gate.zone", "must be a time zone id such as Asia/Shanghai, got '" + z + "'");
        }
        String mask = c.string("mask.check", "off").toLowerCase(Locale.ROOT);
        if (!mask.equals("off") && !mask.equals("confirm")) {
            throw new ConfigException("mask.check", "must be off or confirm, got '" + mask + "'");
        }
        String reason =
                c.string("override.button-reason", DEFAULT_OVERRIDE_REASON).toLowerCase(Locale.ROOT);
        if (!OVERRIDE_REASONS.contains(reason)) {
            throw new ConfigException(
                    "override.button-reason", "must be one of " + OVERRIDE_REASONS + ", got '" + reason + "'");
        }
        String lane = c.string("idcard.lane", "both").toLowerCase(Locale.ROOT);
        if (!Set.of("in", "out", "both").contains(lane)) {
            throw new ConfigException("idcard.lane", "must be in, out or both, got '" + lane + "'");
        }
        int pin = c.integer("gpio.direction", GpioConfig.NONE, GpioConfig.NONE, 27);
        if (pin != GpioConfig.NONE) {
            for (int used : new int[] {
                gpio.greenPin(),
                gpio.redPin(),
                gpio.buzzerPin(),
                gpio.relayPin(),
                gpio.presencePin(),
                gpio.maskConfirmPin(),
                gpio.overridePin()
            }) {
                if (used == pin) {
                    throw new ConfigException("gpio.direction", "pin " + pin + " is assigned twice");
                }
            }
        }
        return new GateRulesConfig(zone, mask.equals("confirm"), reason, lane, pin);
    }
}
