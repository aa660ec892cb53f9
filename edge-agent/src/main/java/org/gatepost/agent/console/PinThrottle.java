package org.gatepost.agent.console;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows PIN guessing per client address: {@value #FREE_ATTEMPTS} wrong PINs in a row are free, then each further
 * one locks that address out for {@link #FIRST_LOCK}, doubling up to {@link #MAX_LOCK}. A right PIN clears the
 * address. Tracks at most {@value #MAX_TRACKED} addresses (the least recently failed is forgotten first).
 * Thread safe.
 */
final class PinThrottle {
    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final int MAX_TRACKED = 256;

    private record Failures(int count, Instant lockedUntil) {}

    private final Map<String, Failures> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /** How long {@code address} must still wait before its next attempt; empty when it may try now. */
    synchronized Optional<Duration> lockedFor(String address, Instant now) {
        Failures f = byAddress.get(address);
        if (f == null || !now.isBefore(f.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.lockedUntil()));
    }

    synchronized void failed(String address, Instant now) {
        Failures f = byAddress.get(address);
        int count = f == null ? 1 : f.count() + 1;
        Instant until = now;
        if (count >= FREE_ATTEMPTS) {
            int doublings = Math.min(count - FREE_ATTEMPTS, 10);
            Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
            until = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
        }
        byAddress.put(address, new Failures(count, until));
    }

    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }
}
