package org.gatepost.agent.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The direction switch on Pi4J's mock input: pulled low is out, open (pulled up) is in. */
class Pi4jDirectionSwitchTest {
    private final Context pi4j = Pi4jGpio.mockContext();

    @AfterEach
    void tearDown() {
        pi4j.shutdown();
    }

    @Test
    void aSwitchClosedToGroundMeansOutAndOpenMeansIn() {
        DirectionSwitch s = new Pi4jDirectionSwitch(pi4j, 5);
        MockDigitalInput pin = pi4j.io("gatepost-direction");
        pin.mockState(DigitalState.HIGH);
        assertEquals(DirectionSwitch.Direction.IN, s.read());
        assertEquals("in", s.read().wire());
        pin.mockState(DigitalState.LOW);
        assertEquals(DirectionSwitch.Direction.OUT, s.read());
        assertEquals("out", s.read().wire());
    }
}
