package org.gatepost.agent.device.idcard;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition on real I/O with a deadline; fails with what was awaited and the last state seen. */
final class Await {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition, Supplier<?> state) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) fail("timed out waiting for " + what + "; state: " + state.get());
            Thread.onSpinWait();
            try {
                Thread.sleep(2); // polling a condition on another thread, not waiting for time to pass
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
