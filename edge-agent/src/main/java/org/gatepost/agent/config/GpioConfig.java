package org.gatepost.agent.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * GPIO wiring: BCM pin numbers of the outputs and how long signals last.
 *
 * @param mode {@code auto} (real GPIO on a Raspberry Pi, simulated elsewhere) or {@code mock} (always simulated)
 */
public record GpioConfig(
        String mode,
        int greenPin,
        int redPin,
        int buzzerPin,
        int relayPin,
        Duration relayPulse,
        Duration lightFor,
        Duration buzzerFor,
        int presencePin,
        int maskConfirmPin,
        int overridePin) {
    /** An input pin that is not wired. */
    public static final int NONE = -1;

    public static final int DEFAULT_GREEN = 22;
    public static final int DEFAULT_RED = 27;
    public static final int DEFAULT_BUZZER = 18;
    public static final int DEFAULT_RELAY = 23;
    public static final Duration DEFAULT_RELAY_PULSE = Duration.ofMillis(1500);
    public static final Duration DEFAULT_LIGHT_FOR = Duration.ofSeconds(3);
    public static final Duration DEFAULT_BUZZER_FOR = Duration.ofMillis(1500);

    static GpioConfig parse(Properties2 c) throws ConfigException {
        String mode = c.string("gpio.mode", "auto").toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("mock")) {
            throw new ConfigException("gpio.mode", "must be auto or mock, got '" + mode + "'");
        }
        GpioConfig g = new GpioConfig(
                mode,
                pin(c, "gpio.green", DEFAULT_GREEN),
                pin(c, "gpio.red", DEFAULT_RED),
                pin(c, "gpio.buzzer", DEFAULT_BUZZER),
                pin(c, "gpio.relay", DEFAULT_RELAY),
                c.duration("gpio.relay-pulse", DEFAULT_RELAY_PULSE, Duration.ofMillis(50), Duration.ofSeconds(30)),
                c.duration("gpio.light-for", DEFAULT_LIGHT_FOR, Duration.ofMillis(100), Duration.ofSeconds(60)),
                c.duration("gpio.buzzer-for", DEFAULT_BUZZER_FOR, Duration.ofMillis(50), Duration.ofSeconds(30)),
                c.integer("gpio.presence", NONE, NONE, 27),
                c.integer("gpio.mask-confirm", NONE, NONE, 27),
                c.integer("gpio.override", NONE, NONE, 27));
        Set<Integer> seen = new HashSet<>();
        for (int pin :
                new int[] {g.greenPin, g.redPin, g.buzzerPin, g.relayPin, g.presencePin, g.maskConfirmPin, g.overridePin
                }) {
            if (pin != NONE && !seen.add(pin)) {
                throw new ConfigException("gpio.*", "pin " + pin + " is assigned twice");
            }
        }
        return g;
    }

    private static int pin(Properties2 c, String key, int fallback) throws ConfigException {
        return c.integer(key, fallback, 0, 27);
    }

    public static GpioConfig defaults() {
        return new GpioConfig(
                "auto",
                DEFAULT_GREEN,
                DEFAULT_RED,
                DEFAULT_BUZZER,
                DEFAULT_RELAY,
                DEFAULT_RELAY_PULSE,
                DEFAULT_LIGHT_FOR,
                DEFAULT_BUZZER_FOR,
                NONE,
                NONE,
                NONE);
    }
}
