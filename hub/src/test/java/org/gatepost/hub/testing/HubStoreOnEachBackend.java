package org.gatepost.hub.testing;

import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.StoreException;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link OnEachBackend} with this test's hub store open in {@link #store} before each test (a subclass's own
 * {@code @BeforeEach} runs after, so it may build on it); {@link #databases} closes it after the test.
 */
public abstract class HubStoreOnEachBackend extends OnEachBackend {
    protected HubStore store;

    @BeforeEach
    void openHubStore() throws StoreException {
        store = databases.open(backend).hub();
    }
}
