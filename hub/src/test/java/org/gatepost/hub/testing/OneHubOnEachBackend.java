package org.gatepost.hub.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.gatepost.hub.Hub;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * {@link OnEachBackend} for a class whose tests share one hub (starting one costs seconds): on each backend, a hub
 * on that backend's database is started before the class's tests and stopped after them. A subclass prepares what
 * its tests share in its own {@code @BeforeParameterizedClassInvocation} method, which runs after the hub started
 * ({@code @BeforeAll} runs once for all backends, before any hub). One instance serves both backends, so state kept
 * across tests is set up again there. Tests must not depend on each other's data (each uses its own gate, say).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OneHubOnEachBackend extends OnEachBackend {
    /** The hub of this backend's run. */
    protected Hub hub;
    /** The hub's directory (its configuration and files). */
    protected Path hubDir;

    /** The clock the hub runs on, asked once per backend: the system clock unless the class says otherwise. */
    protected Clock hubClock() {
        return Clock.systemUTC();
    }

    /** Configuration keys besides the test defaults and the store's: none unless the class says otherwise. */
    protected Map<String, String> hubKeys() {
        return Map.of();
    }

    /** {@code backend} is this invocation's argument (the same as the field). */
    @BeforeParameterizedClassInvocation
    void startHub(Backend backend, @TempDir Path dir) throws Exception {
        Map<String, String> keys = new HashMap<>(databases.hubKeys(backend));
        keys.putAll(hubKeys());
        hubDir = dir;
        hub = Hub.start(TestHubs.config(dir, keys), hubClock());
    }

    @AfterParameterizedClassInvocation
    void stopHub() {
        hub.close();
    }
}
