package org.gatepost.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store written by this release, opened again by a new hub process's start (migrations checked), keeps everything. */
class StoreKeptAcrossRestartTest extends OnEachBackend {
    @TempDir
    Path dir;

    @Test
    void everyEntryAlertListAndAccountWrittenByThisReleaseIsThereAfterTheNextStart() throws Exception {
        HubConfig config = TestHubs.config(dir, databases.hubKeys(backend));
        ReleaseStores.Snapshot before;
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            ApiSession admin = ApiSession.admin(hub.httpPort());
            ReleaseStores.fill(hub, admin);
            before = ReleaseStores.snapshot(hub, admin);
        }

        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            ApiSession admin = ApiSession.admin(hub.httpPort());
            assertEquals(before, ReleaseStores.snapshot(hub, admin));
            assertEquals(
                    "observer",
                    ApiSession.login(hub.httpPort(), ReleaseStores.OBSERVER, ReleaseStores.OBSERVER_PASSWORD)
                            .session()
                            .get("role")
                            .textValue());
        }
        assertEquals(21, before.entries().size());
        assertEquals(2, before.alerts().size());
        assertEquals(
                2,
                before.lists().stream()
                        .filter(l -> l.startsWith("blocked ") || l.startsWith("badges "))
                        .count());
    }
}
