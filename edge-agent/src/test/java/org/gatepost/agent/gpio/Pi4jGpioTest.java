package org.gatepost.agent.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import org.gatepost.agent.config.GpioConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Pi4J adapter on Pi4J's mock plugin, read back through Pi4J's own API. */
class Pi4jGpioTest {
    @Test
    void outputsAreCreatedOnTheConfiguredPinsAndStartOff() {
        Context ctx = Pi4jGpio.mockContext();
        try (Pi4jGpio gpio = Pi4jGpio.on(ctx, GpioConfig.defaults())) {
            DigitalOutput relay = ctx.io("gatepost-relay");
            assertEquals(GpioConfig.DEFAULT_RELAY, relay.address().intValue());
            assertFalse(relay.isHigh());
            assertTrue(gpio.simulated());
        }
    }

    @Test
    void pulseSwitchesOnAndBackOffByItself() throws Exception {
        Context ctx = Pi4jGpio.mockContext();
        try (Pi4jGpio gpio = Pi4jGpio.on(ctx, GpioConfig.defaults())) {
            DigitalOutput relay = ctx.io("gatepost-relay");
            gpio.signals().relay().pulse(Duration.ofMillis(100));
            assertTrue(relay.isHigh());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (relay.isHigh() && System.nanoTime() < deadline) Thread.sleep(5);
            assertFalse(relay.isHigh(), "relay released after its pulse");
        }
    }

    @Test
    void autoModeOnAMachineWithoutGpioRunsSimulated() {
        try (Pi4jGpio gpio = Pi4jGpio.open(GpioConfig.defaults())) {
            assertTrue(gpio.simulated(), "no Raspberry Pi here: Pi4J must pick its mock provider");
            gpio.signals().green().pulse(Duration.ofMillis(50));
            assertTrue(gpio.signals().green().isOn());
        }
    }
}
