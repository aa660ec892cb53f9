package org.gatepost.agent.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane direction switch ({@code gpio.direction}) on one Pi4J digital input with the internal pull-up: a
 * switch closed to GND (pin LOW) means {@code out}, open (pin HIGH) means {@code in}. {@link #read} reads the pin
 * at the moment a credential is presented; safe for concurrent use, never blocks.
 */
public final class Pi4jDirectionSwitch implements DirectionSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jDirectionSwitch.class);
    private final DigitalInput input;

    public Pi4jDirectionSwitch(Context context, int pin) {
        this.input = context.create(DigitalInput.newConfigBuilder(context)
                .id("gatepost-direction")
                .name("gatepost-direction")
                .address(pin)
                .pull(PullResistance.PULL_UP));
        LOG.info("event=input-ready role=DIRECTION pin={}", pin);
    }

    /** {@code OUT} while the switch pulls the pin low, else {@code IN}. */
    @Override
    public Direction read() {
        return input.isLow() ? Direction.OUT : Direction.IN;
    }
}
