package org.gatepost.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.TestDatabases;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dashboard sessions of whole hubs: two hubs (each with its own embedded broker) on one PostgreSQL database serve one
 * browser as a reverse proxy would spread it over them, and a session outlives a restart of its hub, on PostgreSQL
 * and on SQLite. (A hub start and stop costs seconds, so each test does several things.)
 */
class HubSessionsTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path dir;

    private static Map<String, String> clerk() {
        return Map.of("name", "clerk", "role", "observer", "password", "clerk-password-1");
    }

    @Test
    void twoHubsOnOnePostgresqlDatabaseServeOneSignedInBrowserAcrossARestart() throws Exception {
        Map<String, String> store = databases.hubKeys(Backend.POSTGRESQL);
        try (Hub b = Hub.start(TestHubs.config(dir.resolve("b"), store), Clock.systemUTC())) {
            ApiSession onA;
            try (Hub a = Hub.start(TestHubs.config(dir.resolve("a"), store), Clock.systemUTC())) {
                onA = ApiSession.admin(a.httpPort());
                ApiSession onB = onA.at(b.httpPort());

                assertEquals("admin", onB.getJson("/api/session").get("name").textValue());
                assertEquals(201, onB.post("/api/users", clerk()).statusCode(), "hub A's CSRF token on hub B");
                assertEquals(2, onA.getJson("/api/users").get("users").size(), "hub A lists the account B made");
            }
            try (Hub a = Hub.start(TestHubs.config(dir.resolve("a"), store), Clock.systemUTC())) {
                ApiSession again = onA.at(a.httpPort());
                assertEquals("admin", again.getJson("/api/session").get("name").textValue(), "after A's restart");

                assertEquals(
                        204, onA.at(b.httpPort()).post("/api/logout", Map.of()).statusCode());
                assertEquals(401, again.get("/api/session").statusCode(), "logged out on B: signed out on A");
            }
        }
    }

    @Test
    void aSessionOutlivesARestartOfASqliteHub() throws Exception {
        Map<String, String> store = databases.hubKeys(Backend.SQLITE);
        ApiSession s;
        try (Hub hub = Hub.start(TestHubs.config(dir, store), Clock.systemUTC())) {
            s = ApiSession.admin(hub.httpPort());
        }
        try (Hub hub = Hub.start(TestHubs.config(dir, store), Clock.systemUTC())) {
            ApiSession again = s.at(hub.httpPort());

            assertEquals("admin", again.getJson("/api/session").get("name").textValue());
            assertEquals(201, again.post("/api/users", clerk()).statusCode(), "with the CSRF token of before");
        }
    }
}
