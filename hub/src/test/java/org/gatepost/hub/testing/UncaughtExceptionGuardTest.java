package org.gatepost.hub.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs small cases in a JUnit launcher of their own and checks which of them the guard fails. */
class UncaughtExceptionGuardTest {

    @Test
    void guardsEveryTestOfThisBuild() throws NoSuchMethodException {
        // The build itself (surefire's configuration parameters and META-INF/services) loaded the guard for this test.
        assertEquals(
                UncaughtExceptionGuardTest.class.getDeclaredMethod("guardsEveryTestOfThisBuild"),
                UncaughtExceptionGuard.guardedTest(),
                "UncaughtExceptionGuard does not guard this test: is junit.jupiter.extensions.autodetection.enabled set?");
    }

    @Test
    void failsTheTestDuringWhichABackgroundThreadDied() {
        TestExecutionSummary summary = run(ThreadDiesDuringACase.class);
        assertEquals(1, summary.getTestsFailedCount(), "failed tests");
        String message = summary.getFailures().get(0).getException().getMessage();
        assertTrue(message.contains("\"doomed-worker\"") && message.contains("IllegalStateException: boom"), message);
    }

    @Test
    void passesATestWhoseThreadsLive() {
        TestExecutionSummary summary = run(ThreadEndsWell.class);
        assertEquals(1, summary.getTestsSucceededCount(), "succeeded tests");
        assertEquals(0, summary.getTotalFailureCount(), "failures");
    }

    @Test
    void letsADeclaredDeathPassButNotAnother() {
        TestExecutionSummary summary = run(DeclaredDeaths.class);
        assertEquals(1, summary.getTestsSucceededCount(), "succeeded tests");
        assertEquals(1, summary.getTestsFailedCount(), "failed tests");
        String message = summary.getFailures().get(0).getException().getMessage();
        assertTrue(message.contains("IllegalArgumentException"), message);
    }

    @Test
    void failsTheClassWhenAThreadDiesOutsideItsTests() {
        TestExecutionSummary summary = run(ThreadDiesOutsideCases.class);
        assertEquals(1, summary.getTestsSucceededCount(), "succeeded tests");
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertEquals(1, failures.size(), "failures");
        assertTrue(
                failures.get(0).getException().getMessage().contains("outside its tests")
                        && failures.get(0).getException().getMessage().contains("\"lingering-worker\""),
                failures.get(0).getException().getMessage());
    }

    private static TestExecutionSummary run(Class<?> cases) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(cases))
                                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                                .build(),
                        listener);
        return listener.getSummary();
    }

    private static void runAndJoin(String name, Runnable body) throws InterruptedException {
        Thread thread = new Thread(body, name);
        thread.start();
        thread.join();
    }

    // The cases below are not test classes of their own: they are not @Nested, and their names match none of
    // surefire's include patterns (*Test, *Tests, *TestCase), so only the launcher above runs them.

    static class ThreadDiesDuringACase {
        @Test
        void backgroundThreadThrows() throws InterruptedException {
            runAndJoin("doomed-worker", () -> {
                throw new IllegalStateException("boom");
            });
        }
    }

    static class ThreadEndsWell {
        @Test
        void backgroundThreadReturns() throws InterruptedException {
            runAndJoin("good-worker", () -> {});
        }
    }

    static class DeclaredDeaths {
        @Test
        @ExpectedThreadDeath(UncheckedIOException.class)
        void declaredDeath() throws InterruptedException {
            runAndJoin("connection-reader", () -> {
                throw new UncheckedIOException(new IOException("connection reset on purpose"));
            });
        }

        @Test
        @ExpectedThreadDeath(UncheckedIOException.class)
        void otherDeath() throws InterruptedException {
            runAndJoin("connection-reader", () -> {
                throw new IllegalArgumentException("not the declared one");
            });
        }
    }

    static class ThreadDiesOutsideCases {
        @Test
        void passes() {}

        @AfterAll
        static void backgroundThreadThrowsAfterTheTests() throws InterruptedException {
            runAndJoin("lingering-worker", () -> {
                throw new IllegalStateException("too late");
            });
        }
    }
}
