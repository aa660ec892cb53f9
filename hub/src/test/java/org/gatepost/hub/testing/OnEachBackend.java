package org.gatepost.hub.testing;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of a test class that runs all its tests once on each store {@link Backend} (SQLite, then PostgreSQL), with
 * fresh databases per test from {@link #databases} (per class under {@code PER_CLASS}). The two annotations are
 * inherited, so a subclass states only {@code extends OnEachBackend}.
 */
@ParameterizedClass
@EnumSource(Backend.class)
public abstract class OnEachBackend {
    /** The backend of this run of the class. */
    @Parameter
    protected Backend backend;

    @RegisterExtension
    protected final TestDatabases databases = new TestDatabases();
}
