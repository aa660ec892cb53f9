package org.gatepost.agent.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One WARN per interval, the problems between counted into the next. */
class WarnThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void warnsAtTheFirstProblemThenOncePerIntervalWithTheCountSinceTheLast() {
        WarnThrottle t = new WarnThrottle(Duration.ofSeconds(10));
        assertEquals(1, t.count(T0), "the first problem warns at once");
        assertEquals(0, t.count(T0.plusSeconds(1)));
        assertEquals(0, t.count(T0.plusMillis(9_999)));
        assertEquals(3, t.count(T0.plusSeconds(10)), "two held back and this one");
        assertEquals(0, t.count(T0.plusSeconds(11)));
        assertEquals(2, t.count(T0.plusSeconds(60)));
        assertEquals(10, t.intervalSeconds());
    }
}
