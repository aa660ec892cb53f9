package org.gatepost.hub.deploy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests on a real Mosquitto running the generated setup: a new broker for each test, under the test's own
 * {@link #dir}, started before it and closed in {@code @AfterEach} (after a subclass's own {@code @AfterEach}).
 */
abstract class OnGeneratedBroker {
    @TempDir
    Path dir;

    GeneratedBroker broker;

    /** The hub users the setup is for: {@link GeneratedBroker#HUB} alone unless overridden. */
    List<String> hubUsers() {
        return List.of(GeneratedBroker.HUB);
    }

    @BeforeEach
    void startBroker() throws Exception {
        broker = GeneratedBroker.start(dir, hubUsers());
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }
}
