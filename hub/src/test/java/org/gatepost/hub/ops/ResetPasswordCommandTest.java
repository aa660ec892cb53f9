package org.gatepost.hub.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatepost.hub.Hub;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reset-password} in a JVM of its own ({@link HubCli}) against a hub on each backend. */
class ResetPasswordCommandTest extends OnEachBackend {
    @TempDir
    Path dir;

    static int loginStatus(int port, String name, String password) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        ApiSession.json(Map.of("name", name, "password", password))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void resetsAStoppedHubsAccountPrintsThePasswordOnceKeepsItInAFileAndEndsTheSessions() throws Exception {
        Map<String, String> storeKeys = databases.hubKeys(backend);
        Path config = HubCli.configFile(dir, storeKeys, Map.of());
        HubConfig cfg = HubConfigParser.load(config);
        Path file = Path.of(storeKeys.get("store.path"))
                .toAbsolutePath()
                .getParent()
                .resolve("password-admin.txt");
        ApiSession old;
        try (Hub hub = Hub.start(cfg, Clock.systemUTC())) {
            old = ApiSession.admin(hub.httpPort());

            HubCli.Result running = HubCli.run(dir, "reset-password", "--config", config.toString(), "admin");

            assertEquals(1, running.exit(), running.toString());
            assertTrue(
                    running.err()
                            .startsWith(
                                    backend == Backend.SQLITE
                                            ? "gatepost-hub reset-password: the hub is running (it holds "
                                            : "gatepost-hub reset-password: hub instances are running on this database (gatepost-hub@"),
                    running.toString());
        }
        HubCli.Result unknown = HubCli.run(dir, "reset-password", "--config", config.toString(), "nobody");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertEquals("gatepost-hub reset-password: no account 'nobody'\n", unknown.err());
        assertFalse(Files.exists(file));

        HubCli.Result r = HubCli.run(dir, "reset-password", "--config", config.toString(), "admin");

        assertEquals(0, r.exit(), r.toString());
        Matcher m = Pattern.compile("Password of 'admin' reset: (\\S+)\n").matcher(r.out());
        assertTrue(m.find(), r.toString());
        String password = m.group(1);
        assertTrue(
                r.out().contains("it is also in " + file + " (mode 600) until 'admin' changes it. Sessions ended: 1."),
                r.toString());
        assertFalse(r.err().contains(password), "never in the log");
        assertEquals(password + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Hub hub = Hub.start(cfg, Clock.systemUTC())) {
            int port = hub.httpPort();
            assertEquals(401, loginStatus(port, "admin", TestHubs.ADMIN_PASSWORD));
            assertEquals(401, old.at(port).get("/api/session").statusCode(), "the old session ended");
            ApiSession admin = ApiSession.login(port, "admin", password);
            JsonNode reset = admin.getJson("/api/audit?action=password-reset")
                    .get("events")
                    .get(0);
            assertEquals("hub", reset.get("actor").textValue());
            assertEquals("admin", reset.get("target").textValue());
            assertTrue(Files.exists(file), "kept until admin changes the password");

            assertEquals(
                    204,
                    admin.post("/api/account/password", Map.of("current", password, "new", "a-new-password-1"))
                            .statusCode());

            assertFalse(Files.exists(file), "removed when admin changed the password");
        }
    }
}
