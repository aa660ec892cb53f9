package org.gatepost.hub.testing;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails the test during which a background thread died of an uncaught exception, naming the thread and the
 * exception. Registered for every test of the module by JUnit's extension autodetection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension}, enabled in the parent pom's surefire
 * configuration).
 *
 * <p>It installs a JVM-wide default uncaught-exception handler once (threads with a handler of their own are not
 * seen). A death while a test runs fails that test after its {@code @AfterEach} methods; a death between tests
 * or in {@code @BeforeAll}/{@code @AfterAll} (a thread that outlived its test, say) fails the test class. {@link ExpectedThreadDeath} on the test method or class
 * lets the named exception types pass. Each death is still printed to stderr.
 *
 * <p>The simulator module sees the agent's and the hub's copy of this class on its test class path; only the
 * first copy to start claims the JVM (a system property names it), the other does nothing.
 */
public final class UncaughtExceptionGuard
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    static final String OWNER_PROPERTY = "gatepost.test.uncaught-exception-guard";

    /** A background thread's uncaught exception. */
    record Death(String thread, Throwable error) {
        @Override
        public String toString() {
            return "thread \"" + thread + "\" died of " + error;
        }
    }

    private static final ConcurrentLinkedQueue<Death> DEATHS = new ConcurrentLinkedQueue<>();
    /** Deaths seen between tests of the running class, reported when the class ends. */
    private static final ConcurrentLinkedQueue<Death> BETWEEN_TESTS = new ConcurrentLinkedQueue<>();

    private static volatile boolean active;
    /** The test method between this guard's beforeEach and afterEach, for the guard's own test. */
    private static volatile Method guarded;

    private static synchronized boolean claim() {
        if (active) {
            return true;
        }
        Object owner = System.getProperties().putIfAbsent(OWNER_PROPERTY, UncaughtExceptionGuard.class.getName());
        if (owner != null && !owner.equals(UncaughtExceptionGuard.class.getName())) {
            return false; // the other module's copy guards this JVM
        }
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            DEATHS.add(new Death(thread.getName(), error));
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                LoggerFactory.getLogger(UncaughtExceptionGuard.class)
                        .error("event=thread-died thread={} error={}", thread.getName(), error.toString(), error);
            }
        });
        active = true;
        return true;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (claim()) {
            drainInto(BETWEEN_TESTS); // a thread of an earlier class that died after that class ended
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (claim()) {
            drainInto(BETWEEN_TESTS);
            guarded = context.getTestMethod().orElse(null);
        }
    }

    static Method guardedTest() {
        return guarded;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!claim()) {
            return;
        }
        guarded = null;
        List<Death> deaths = new ArrayList<>();
        drainInto(deaths);
        fail(
                "during this test",
                unexpected(deaths, context.getElement(), context.getTestClass().map(c -> (AnnotatedElement) c)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!claim()) {
            return;
        }
        List<Death> deaths = new ArrayList<>(BETWEEN_TESTS);
        BETWEEN_TESTS.clear();
        drainInto(deaths);
        fail(
                "outside its tests (in @BeforeAll/@AfterAll, or after its test ended)",
                unexpected(deaths, context.getElement(), Optional.empty()));
    }

    private static void drainInto(Collection<Death> sink) {
        for (Death d; (d = DEATHS.poll()) != null; ) {
            sink.add(d);
        }
    }

    private static List<Death> unexpected(
            List<Death> deaths, Optional<AnnotatedElement> element, Optional<AnnotatedElement> testClass) {
        List<Class<? extends Throwable>> expected = new ArrayList<>();
        element.map(e -> e.getAnnotation(ExpectedThreadDeath.class))
                .ifPresent(a -> expected.addAll(List.of(a.value())));
        testClass
                .map(e -> e.getAnnotation(ExpectedThreadDeath.class))
                .ifPresent(a -> expected.addAll(List.of(a.value())));
        return deaths.stream()
                .filter(d -> expected.stream().noneMatch(t -> t.isInstance(d.error())))
                .toList();
    }

    private static void fail(String when, List<Death> deaths) {
        if (deaths.isEmpty()) {
            return;
        }
        AssertionError failure =
                new AssertionError("a background thread died of an uncaught exception " + when + ": " + deaths);
        deaths.forEach(d -> failure.addSuppressed(d.error()));
        throw failure;
    }
}
