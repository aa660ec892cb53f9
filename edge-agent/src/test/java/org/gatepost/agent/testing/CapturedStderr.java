package org.gatepost.agent.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * What a piece of work wrote to System.err, where slf4j-simple writes every log line, for the privacy tests
 * that search the logs for a full credential. Not thread safe: System.err is global, so one capture at a time.
 */
public final class CapturedStderr {
    private CapturedStderr() {}

    /** The result of {@code work} and the text written to System.err meanwhile. */
    public record Capture<T>(T result, String log) {}

    /** Runs {@code work} with System.err captured; System.err is restored whatever happens. */
    public static <T> Capture<T> during(Callable<T> work) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        T result;
        try {
            result = work.call();
        } finally {
            System.setErr(original);
        }
        return new Capture<>(result, captured.toString(StandardCharsets.UTF_8));
    }

    /**
     * Asserts that {@code log} holds DEBUG lines (the driver's logger was made after the test class enabled them)
     * and the stack trace of a listener that threw {@code "listener-boom"}: a capture that can find a leak.
     */
    public static void assertHoldsDebugLinesAndTheListenerTrace(String log) {
        assertTrue(
                log.contains("DEBUG"),
                "no DEBUG line captured: the driver's logger was created at INFO before"
                        + " enableDebugLogging() ran (call it from the static block of any test class that starts the driver)");
        assertTrue(log.contains("listener-boom"), "the listener's stack trace was captured");
    }
}
