package org.gatepost.agent.device.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        ReconnectBackoff backoff = ReconnectBackoff.DEFAULT;

        assertEquals(Duration.ofMillis(200), backoff.delay(0));
        assertEquals(Duration.ofMillis(400), backoff.delay(1));
        assertEquals(Duration.ofMillis(3200), backoff.delay(4));
        assertEquals(Duration.ofSeconds(5), backoff.delay(5));
        assertEquals(Duration.ofSeconds(5), backoff.delay(Integer.MAX_VALUE));
    }

    @Test
    void rejectsACapBelowTheInitialDelayAndNonPositiveDelays() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
