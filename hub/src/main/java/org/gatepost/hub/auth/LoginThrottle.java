package org.gatepost.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing by counting password checks, not failures: every check first takes a slot from its
 * address and from the account name it was made for ({@link #admit}), so parallel requests cannot all pass
 * before the first failure is counted. At most {@code maxChecks} slots per address and per name live within
 * {@code window}; once either has none left, attempts are refused without checking until its oldest slot leaves
 * the window.
 *
 * <p>A slot stays taken for the whole window (a failed check), except: {@link #succeeded} gives the address back
 * the successful attempt's own slot (its other failures stay) and clears the name's slots (only someone who knows
 * that account's password can clear its count); {@link #cancel} gives both slots back when no check happened.
 * Names are tracked whether or not such an account exists, so a refusal does not reveal which names exist.
 *
 * <p>Thread safe (one lock; every call is short).
 */
public final class LoginThrottle {
    public static final int DEFAULT_MAX_CHECKS = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** Bounds memory per map; when full after pruning, the map is forgotten (loosens the throttle for a moment). */
    private static final int MAX_KEYS = 10_000;

    /** The answer of {@link #admit}. */
    public sealed interface Admission {
    }

    /** The check may go ahead; pass this back to {@link #succeeded} or {@link #cancel}. */
    public record Granted(String remote, String name, Instant at) implements Admission {
    }

    /** No slot left for the address or the name; try again after {@code retryAfter}. */
    public record Denied(Duration retryAfter) implements Admission {
    }

    private final Clock clock;
    private final int maxChecks;
    private final Duration window;
    private final Map<String, Deque<Instant>> byAddress = new HashMap<>();
    private final Map<String, Deque<Instant>> byName = new HashMap<>();

    public LoginThrottle(Clock clock, int maxChecks, Duration window) {
        if (maxChecks < 1) {
            throw new IllegalArgumentException("maxChecks must be at least 1, got " + maxChecks);
        }
        this.clock = clock;
        this.maxChecks = maxChecks;
        this.window = window;
    }

    /** Takes a slot from {@code remote} and from {@code name} (the normalised typed name), or says how long to wait. */
    public synchronized Admission admit(String remote, String name) {
        Instant now = clock.instant();
        Deque<Instant> address = slots(byAddress, remote, now);
        Deque<Instant> account = slots(byName, name, now);
        Duration wait = Duration.ZERO;
        if (address.size() >= maxChecks) {
            wait = Duration.between(now, address.peekFirst().plus(window));
        }
        if (account.size() >= maxChecks) {
            Duration w = Duration.between(now, account.peekFirst().plus(window));
            wait = w.compareTo(wait) > 0 ? w : wait;
        }
        if (wait.isPositive()) {
            dropIfEmpty(byAddress, remote, address);
            dropIfEmpty(byName, name, account);
            return new Denied(wait);
        }
        address.addLast(now);
        account.addLast(now);
        return new Granted(remote, name, now);
    }

    /** The password matched: the address gets this attempt's slot back, the name's count is cleared. */
    public synchronized void succeeded(Granted g) {
        release(byAddress, g.remote(), g.at());
        byName.remove(g.name());
    }

    /** No password was checked after all: both slots are given back. */
    public synchronized void cancel(Granted g) {
        release(byAddress, g.remote(), g.at());
        release(byName, g.name(), g.at());
    }

    private Deque<Instant> slots(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> times = map.get(key);
        if (times == null) {
            if (map.size() >= MAX_KEYS) {
                map.values().forEach(t -> prune(t, now));
                map.values().removeIf(Deque::isEmpty);
                if (map.size() >= MAX_KEYS) {
                    map.clear();
                }
            }
            times = new ArrayDeque<>();
            map.put(key, times);
        }
        prune(times, now);
        return times;
    }

    private static void release(Map<String, Deque<Instant>> map, String key, Instant at) {
        Deque<Instant> times = map.get(key);
        if (times != null) {
            times.removeLastOccurrence(at);
            dropIfEmpty(map, key, times);
        }
    }

    private static void dropIfEmpty(Map<String, Deque<Instant>> map, String key, Deque<Instant> times) {
        if (times.isEmpty()) {
            map.remove(key);
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }
}
