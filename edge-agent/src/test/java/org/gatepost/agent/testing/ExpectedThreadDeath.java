package org.gatepost.agent.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a background thread of this test (or of every test of this class) may die with an uncaught
 * exception of one of the given types (or a subtype) on purpose, so {@link UncaughtExceptionGuard} does not fail
 * it. Any other death still fails the test. Use sparingly, and say in a comment why the death is expected.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ExpectedThreadDeath {
    /** The exception types a background thread may die of. */
    Class<? extends Throwable>[] value();
}
