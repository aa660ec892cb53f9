package org.gatepost.agent.device.thermometer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test forwards it. Safe for concurrent use. */
final class ForwardableClock extends Clock {
    private volatile Instant now;

    ForwardableClock(Instant start) {
        this.now = start;
    }

    synchronized void forward(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("fixed to UTC");
    }
}
