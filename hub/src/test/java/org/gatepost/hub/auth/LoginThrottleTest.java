package org.gatepost.hub.auth;

import org.gatepost.hub.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(5));

    @Test
    void blocksAnAddressAfterTooManyFailuresUntilTheOldestLeavesTheWindow() {
        throttle.failed("10.0.0.7");
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("10.0.0.7");
        assertTrue(throttle.blockedFor("10.0.0.7").isEmpty(), "two of three allowed");
        throttle.failed("10.0.0.7");

        assertEquals(Optional.of(Duration.ofMinutes(4)), throttle.blockedFor("10.0.0.7"));
        assertTrue(throttle.blockedFor("10.0.0.8").isEmpty(), "other addresses are not affected");
        clock.advance(Duration.ofMinutes(4));
        assertTrue(throttle.blockedFor("10.0.0.7").isEmpty(), "the first failure left the window");
    }

    @Test
    void forgetsAnAddressAfterASuccess() {
        throttle.failed("10.0.0.7");
        throttle.failed("10.0.0.7");
        throttle.succeeded("10.0.0.7");
        throttle.failed("10.0.0.7");
        throttle.failed("10.0.0.7");

        assertTrue(throttle.blockedFor("10.0.0.7").isEmpty());
    }
}
