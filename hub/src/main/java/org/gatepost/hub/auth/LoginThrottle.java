package org.gatepost.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing: after {@code maxFailures} failed logins from one address within {@code window},
 * further attempts from it are refused (without checking the password) until the oldest failure leaves the
 * window. A success clears the address. Thread safe (one lock; every call is short).
 */
public final class LoginThrottle {
    public static final int DEFAULT_MAX_FAILURES = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** Bounds memory when addresses are many; forgetting them all only loosens the throttle for a moment. */
    private static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    public LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** How long {@code remote} must wait before its next attempt; empty when it may try now. */
    public synchronized Optional<Duration> blockedFor(String remote) {
        Deque<Instant> times = failures.get(remote);
        if (times == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        prune(times, now);
        if (times.isEmpty()) {
            failures.remove(remote);
            return Optional.empty();
        }
        if (times.size() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
    }

    public synchronized void failed(String remote) {
        if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(remote)) {
            failures.clear();
        }
        Deque<Instant> times = failures.computeIfAbsent(remote, k -> new ArrayDeque<>());
        Instant now = clock.instant();
        prune(times, now);
        times.addLast(now);
        while (times.size() > maxFailures) {
            times.removeFirst();
        }
    }

    public synchronized void succeeded(String remote) {
        failures.remove(remote);
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }
}
