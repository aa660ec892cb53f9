package org.gatepost.agent.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.agent.config.GpioConfig;
import org.junit.jupiter.api.Test;

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
            // Long enough that a busy CI machine cannot end the pulse between these two lines.
            gpio.signals().relay().pulse(Duration.ofMillis(800));
            assertTrue(relay.isHigh());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (relay.isHigh() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(relay.isHigh(), "relay released after its pulse");
        }
    }

    @Test
    void autoModeOnAMachineWithoutGpioRunsSimulated() {
        try (Pi4jGpio gpio = Pi4jGpio.open(GpioConfig.defaults())) {
            assertTrue(gpio.simulated(), "no Raspberry Pi here: Pi4J must pick its mock provider");
            gpio.signals().green().pulse(Duration.ofMillis(800));
            assertTrue(gpio.signals().green().isOn());
        }
    }

    @Test
    void presenceInputFiresOnAFallingEdgeAndCounts() {
        Context ctx = Pi4jGpio.mockContext();
        GpioConfig cfg = new GpioConfig(
                "mock",
                22,
                27,
                18,
                23,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                24,
                25,
                GpioConfig.NONE);
        try (Pi4jGpio gpio = Pi4jGpio.on(ctx, cfg)) {
            List<GateInputs.Role> seen = new ArrayList<>();
            gpio.inputs().listen(seen::add);
            MockDigitalInput presence = ctx.io("gatepost-presence");
            presence.mockState(DigitalState.HIGH); // idle, pulled up
            presence.mockState(DigitalState.LOW); // someone steps up
            presence.mockState(DigitalState.HIGH);
            MockDigitalInput mask = ctx.io("gatepost-mask-confirm");
            mask.mockState(DigitalState.HIGH);
            mask.mockState(DigitalState.LOW);
            assertEquals(List.of(GateInputs.Role.PRESENCE, GateInputs.Role.MASK_CONFIRM), seen);
            assertEquals(1, gpio.inputs().count(GateInputs.Role.PRESENCE));
            assertEquals(0, gpio.inputs().count(GateInputs.Role.OVERRIDE));
        }
    }
}
