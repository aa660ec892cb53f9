package org.gatepost.agent.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The lane direction switch ({@code gpio.direction}) on one Pi4J digital input with the internal pull-up: a
 * switch closed to GND (pin LOW) means {@code out}, open (pin HIGH) means {@code in}. {@link #get} reads the pin
 * at the moment a credential is presented; safe for concurrent use, never blocks.
 */
public final class DirectionSwitch implements Supplier<String> {
    private static final Logger LOG = LoggerFactory.getLogger(DirectionSwitch.class);
    private final DigitalInput input;

    public DirectionSwitch(Context context, int pin) {
        this.input = context.create(DigitalInput.newConfigBuilder(context)
                .id("gatepost-direction").name("gatepost-direction").address(pin).pull(PullResistance.PULL_UP));
        LOG.info("event=input-ready role=DIRECTION pin={}", pin);
    }

    /** {@code out} while the switch pulls the pin low, else {@code in}. */
    @Override
    public String get() {
        return input.isLow() ? "out" : "in";
    }
}
