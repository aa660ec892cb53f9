package org.gatepost.agent.gpio;

import java.util.Locale;

/**
 * The lane direction switch ({@code gpio.direction}): which way the people at a shared lane are going right now.
 * {@link Pi4jDirectionSwitch} reads it from a GPIO input. Implementations are safe for concurrent use and never
 * block.
 */
public interface DirectionSwitch {
    /** A lane direction, as entries record it. */
    enum Direction {
        IN,
        OUT;

        /** {@code in} or {@code out}, the value entries and lanes use. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The switch's position at the moment of the call. */
    Direction read();
}
