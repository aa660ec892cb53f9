package org.gatepost.agent.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition that another thread (or real I/O) will make true, with a deadline; fails naming what was
 * awaited and, when given, the last state seen. Polling, not sleeping for time to pass.
 */
public final class Await {
    /** The deadline of the overload without one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration POLL = Duration.ofMillis(2);

    private Await() {}

    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<?> state) {
        until(what, timeout, POLL, condition, state);
    }

    /** As above, polling every {@code pollEvery}: for a condition that costs a query or a request. */
    public static void until(
            String what, Duration timeout, Duration pollEvery, BooleanSupplier condition, Supplier<?> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "timed out after " + timeout + " waiting for " + what + "; state: " + state.get());
            }
            try {
                Thread.sleep(pollEvery); // polling a condition set by another thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    public static void until(String what, BooleanSupplier condition, Supplier<?> state) {
        until(what, DEFAULT_TIMEOUT, condition, state);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "n/a");
    }

    /** As {@link #until(String, Duration, BooleanSupplier, Supplier)}, with what was expected told only on failure. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWasExpected) {
        until("the condition", timeout, condition, whatWasExpected);
    }
}
