package org.gatepost.simulator.wiegand;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition that a background thread will make true, failing with a description at the deadline. */
final class Await {
    private Await() {
    }

    static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
