package org.gatepost.hub.auth;

import org.gatepost.hub.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(5));

    private LoginThrottle.Granted granted(String remote, String name) {
        return assertInstanceOf(LoginThrottle.Granted.class, throttle.admit(remote, name));
    }

    private Duration denied(String remote, String name) {
        return assertInstanceOf(LoginThrottle.Denied.class, throttle.admit(remote, name)).retryAfter();
    }

    @Test
    void countsEveryAdmittedCheckSoParallelAttemptsCannotPassBeforeTheFirstFailureIsCounted() {
        granted("10.0.0.7", "a");
        clock.advance(Duration.ofMinutes(1));
        granted("10.0.0.7", "b");
        granted("10.0.0.7", "c");

        assertEquals(Duration.ofMinutes(4), denied("10.0.0.7", "d"), "no outcome reported yet: still three checks");
        granted("10.0.0.8", "e");
        clock.advance(Duration.ofMinutes(4));
        granted("10.0.0.7", "f");
    }

    @Test
    void limitsTheChecksForOneNameFromEveryAddress() {
        granted("10.0.0.1", "admin");
        granted("10.0.0.2", "admin");
        granted("10.0.0.3", "admin");

        assertEquals(Duration.ofMinutes(5), denied("10.0.0.4", "admin"));
        granted("10.0.0.4", "clerk");
    }

    @Test
    void aSuccessClearsItsNameAndGivesTheAddressBackOnlyItsOwnSlot() {
        granted("10.0.0.7", "admin");
        granted("10.0.0.7", "admin");
        throttle.succeeded(granted("10.0.0.7", "clerk"));

        granted("10.0.0.7", "admin");
        denied("10.0.0.7", "admin");
        denied("10.0.0.7", "clerk");
        granted("10.0.0.9", "clerk");
    }

    @Test
    void aSuccessForAnotherAccountDoesNotClearTheAddress() {
        granted("10.0.0.7", "admin");
        granted("10.0.0.7", "admin");
        granted("10.0.0.7", "admin");
        denied("10.0.0.7", "clerk");
        LoginThrottle.Granted elsewhere = granted("10.0.0.8", "clerk");

        throttle.succeeded(elsewhere);

        denied("10.0.0.7", "clerk");
    }

    @Test
    void aCancelledAttemptGivesBothSlotsBack() {
        granted("10.0.0.7", "admin");
        granted("10.0.0.7", "admin");
        throttle.cancel(granted("10.0.0.7", "admin"));

        granted("10.0.0.8", "admin");
        granted("10.0.0.7", "clerk");
        denied("10.0.0.7", "clerk");
    }
}
