package org.gatepost.simulator.scanner;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition on real I/O with a deadline; fails naming what was awaited and the last state seen. */
final class Await {
    private Await() {
    }

    static void until(String what, Duration deadline, BooleanSupplier condition, Supplier<?> state) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) fail("timed out after " + deadline + " waiting for " + what + "; state: " + state.get());
            try {
                Thread.sleep(2); // polling a condition set by another thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    static void until(String what, BooleanSupplier condition, Supplier<?> state) {
        until(what, Duration.ofSeconds(5), condition, state);
    }
}
