package org.gatepost.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.testing.MutableClock;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The throttle on its database, on each backend; "another hub" is a second store on the same database. */
class LoginThrottleTest extends OnEachBackend {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private Storage storage;
    private LoginThrottle throttle;

    @BeforeEach
    void open() throws Exception {
        storage = databases.open(backend);
        throttle = new LoginThrottle(storage.loginSlots(), clock, 3, Duration.ofMinutes(5));
    }

    private LoginThrottle anotherHub() throws Exception {
        return new LoginThrottle(databases.open(backend).loginSlots(), clock, 3, Duration.ofMinutes(5));
    }

    private LoginThrottle.Granted granted(String remote, String name) throws Exception {
        return granted(throttle, remote, name);
    }

    private static LoginThrottle.Granted granted(LoginThrottle on, String remote, String name) throws Exception {
        return assertInstanceOf(LoginThrottle.Granted.class, on.admit(remote, name));
    }

    private Duration denied(String remote, String name) throws Exception {
        return denied(throttle, remote, name);
    }

    private static Duration denied(LoginThrottle on, String remote, String name) throws Exception {
        return assertInstanceOf(LoginThrottle.Denied.class, on.admit(remote, name))
                .retryAfter();
    }

    @Test
    void countsEveryAdmittedCheckSoParallelAttemptsCannotPassBeforeTheFirstFailureIsCounted() throws Exception {
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
    void limitsTheChecksForOneNameFromEveryAddress() throws Exception {
        granted("10.0.0.1", "admin");
        granted("10.0.0.2", "admin");
        granted("10.0.0.3", "admin");

        assertEquals(Duration.ofMinutes(5), denied("10.0.0.4", "admin"));
        granted("10.0.0.4", "clerk");
    }

    @Test
    void aSuccessClearsItsNameAndGivesTheAddressBackOnlyItsOwnSlot() throws Exception {
        granted("10.0.0.7", "admin");
        granted("10.0.0.7", "admin");
        throttle.succeeded(granted("10.0.0.7", "clerk"));

        granted("10.0.0.7", "admin");
        denied("10.0.0.7", "admin");
        denied("10.0.0.7", "clerk");
        granted("10.0.0.9", "clerk");
    }

    @Test
    void aSuccessForAnotherAccountDoesNotClearTheAddress() throws Exception {
        granted("10.0.0.7", "admin");
        granted("10.0.0.7", "admin");
        granted("10.0.0.7", "admin");
        denied("10.0.0.7", "clerk");
        LoginThrottle.Granted elsewhere = granted("10.0.0.8", "clerk");

        throttle.succeeded(elsewhere);

        denied("10.0.0.7", "clerk");
    }

    @Test
    void aCancelledAttemptGivesBothSlotsBack() throws Exception {
        granted("10.0.0.7", "admin");
        granted("10.0.0.7", "admin");
        throttle.cancel(granted("10.0.0.7", "admin"));

        granted("10.0.0.8", "admin");
        granted("10.0.0.7", "clerk");
        denied("10.0.0.7", "clerk");
    }

    @Test
    void countsTheChecksAdmittedOnEveryHubOfTheDatabase() throws Exception {
        LoginThrottle other = anotherHub();
        granted("10.0.0.7", "admin");
        granted(other, "10.0.0.7", "admin");
        granted("10.0.0.8", "admin");

        assertEquals(Duration.ofMinutes(5), denied(other, "10.0.0.9", "admin"), "the name is spent on both hubs");
        denied("10.0.0.9", "admin");
        granted(other, "10.0.0.7", "clerk");
        denied("10.0.0.7", "wang");
    }

    @Test
    void aSuccessOnOneHubClearsTheNameForTheOther() throws Exception {
        LoginThrottle other = anotherHub();
        granted("10.0.0.1", "admin");
        granted("10.0.0.2", "admin");
        other.succeeded(granted(other, "10.0.0.3", "admin"));

        granted("10.0.0.4", "admin");
    }

    @Test
    void dropsSlotsOnceTheirWindowHasPassed() throws Exception {
        granted("10.0.0.1", "a");
        granted("10.0.0.2", "b");
        clock.advance(Duration.ofMinutes(5));

        granted("10.0.0.3", "c");

        assertEquals(2, storage.loginSlots().count(), "only the last attempt's two slots are left");
    }

    @Test
    void twoHubsAdmittingAtOnceNeverTakeMoreThanTheLimit() throws Exception {
        LoginThrottle other = anotherHub();
        List<Callable<LoginThrottle.Admission>> attempts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            LoginThrottle on = i % 2 == 0 ? throttle : other;
            String remote = "10.0.1." + i;
            attempts.add(() -> on.admit(remote, "admin"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int grantedCount = 0;
        try {
            for (Future<LoginThrottle.Admission> f : pool.invokeAll(attempts)) {
                if (f.get() instanceof LoginThrottle.Granted) {
                    grantedCount++;
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(3, grantedCount, "40 attempts for one name on two hubs at once");
    }
}
