package org.gatepost.hub.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition on real I/O until it holds or a deadline passes (then fails with {@code what}). */
public final class Await {
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private Await() {}

    public static void until(String what, Callable<Boolean> condition) throws Exception {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
