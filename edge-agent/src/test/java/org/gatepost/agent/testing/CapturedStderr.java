package org.gatepost.agent.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * What a piece of work wrote to System.err, where slf4j-simple writes every log line, for the privacy tests
 * that search the logs and every toString for a full credential. Not thread safe: System.err is global, so one
 * capture at a time.
 */
public final class CapturedStderr {
    private CapturedStderr() {}

    /**
     * Turns DEBUG on for the loggers of {@code packageName}. slf4j-simple reads a logger's level when the logger
     * is created, i.e. when the driver class initialises; so every test class of that package that starts a
     * driver calls this first (from its static block).
     */
    public static void enableDebugLogging(String packageName) {
        System.setProperty("org.slf4j.simpleLogger.log." + packageName, "debug");
    }

    /** A listener that hands each read to {@code sink} and then throws {@code "listener-boom"}: its trace is logged. */
    public static <T> Consumer<T> listenerThatThrows(Consumer<T> sink) {
        return read -> {
            sink.accept(read);
            throw new IllegalStateException("listener-boom " + read);
        };
    }

    /**
     * Runs {@code work} with System.err captured (restored whatever happens) and returns the texts it returned
     * followed by the captured log, once the log is shown to be a capture that can find a leak: it holds
     * {@code driverLine} (the driver's own log), DEBUG lines, and the stack trace of a listener that threw
     * {@code "listener-boom"}.
     */
    public static List<String> textsWithTheLog(Callable<List<String>> work, String driverLine) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        List<String> texts;
        try {
            texts = new ArrayList<>(work.call());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains(driverLine), "the capture holds the driver's log:\n" + log);
        assertTrue(
                log.contains("DEBUG"),
                "no DEBUG line captured: the driver's logger was created at INFO before"
                        + " enableDebugLogging() ran (call it from the static block of any test class that starts the driver)");
        assertTrue(log.contains("listener-boom"), "the listener's stack trace was captured");
        texts.add(log);
        return texts;
    }
}
