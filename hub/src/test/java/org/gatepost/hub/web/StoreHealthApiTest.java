package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.gatepost.hub.store.StoreSettings;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.PostgresCluster;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;

/** {@code GET /api/health} tells whether the store accepts writes, with a PostgreSQL server that goes away. */
class StoreHealthApiTest {
    @Test
    void reportsTheStoreNotWritableWhileItsServerIsDown() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start()) {
            StoreSettings settings = new StoreSettings(
                    Path.of("unused.db"),
                    Optional.of(cluster.url(cluster.createDatabase())),
                    Optional.of(PostgresCluster.SUPERUSER),
                    Optional.empty());
            try (WebFixture web = new WebFixture(settings, Optional.of(TestHubs.ADMIN_PASSWORD), null)) {
                ApiSession admin = web.admin();
                assertTrue(admin.getJson("/api/health")
                        .get("store")
                        .get("writable")
                        .booleanValue());

                cluster.stopServer();
                HttpResponse<String> down = admin.get("/api/health");
                JsonNode body = ApiSession.parse(down.body());

                assertEquals(503, down.statusCode());
                assertFalse(body.get("ok").booleanValue());
                assertFalse(body.get("store").get("writable").booleanValue());

                cluster.startServer();
                Await.until(
                        "health 200 again once the server is back",
                        () -> admin.get("/api/health").statusCode() == 200);
            }
        }
    }
}
