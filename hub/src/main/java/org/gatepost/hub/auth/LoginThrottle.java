package org.gatepost.hub.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.gatepost.hub.store.LoginSlotStore;
import org.gatepost.hub.store.StoreException;

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
 * <p>The slots live in the hub's database ({@link LoginSlotStore}), so the limits hold across every hub on it.
 * Thread safe; blocking (one short database transaction per call).
 */
public final class LoginThrottle {
    public static final int DEFAULT_MAX_CHECKS = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    /** The answer of {@link #admit}. */
    public sealed interface Admission {}

    /** The check may go ahead; pass this back to {@link #succeeded} or {@link #cancel}. */
    public record Granted(String attempt, String remote, String name, Instant at) implements Admission {}

    /** No slot left for the address or the name; try again after {@code retryAfter}. */
    public record Denied(Duration retryAfter) implements Admission {}

    private final LoginSlotStore slots;
    private final Clock clock;
    private final int maxChecks;
    private final Duration window;
    private final SecureRandom random = new SecureRandom();

    public LoginThrottle(LoginSlotStore slots, Clock clock, int maxChecks, Duration window) {
        if (maxChecks < 1) {
            throw new IllegalArgumentException("maxChecks must be at least 1, got " + maxChecks);
        }
        this.slots = slots;
        this.clock = clock;
        this.maxChecks = maxChecks;
        this.window = window;
    }

    /** Takes a slot from {@code remote} and from {@code name} (the normalised typed name), or says how long to wait. */
    public Admission admit(String remote, String name) throws StoreException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String attempt = newAttempt();
        return switch (slots.take(attempt, remote, name, now, window, maxChecks)) {
            case LoginSlotStore.Taken t -> new Granted(attempt, remote, name, now);
            case LoginSlotStore.Full full -> new Denied(Duration.between(now, full.freesAt()));
        };
    }

    /** The password matched: the address gets this attempt's slot back, the name's count is cleared. */
    public void succeeded(Granted g) throws StoreException {
        slots.succeeded(g.attempt(), g.name());
    }

    /** No password was checked after all: both slots are given back. */
    public void cancel(Granted g) throws StoreException {
        slots.cancel(g.attempt());
    }

    private String newAttempt() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
