package org.gatepost.hub.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatepost.hub.Hub;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.hub.testing.ApiSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated password of the first {@code admin} survives a start that fails after printing it. */
class FirstAdminPasswordTest {
    @TempDir
    Path dir;

    @Test
    void aStartThatFailsAfterPrintingThePasswordLeavesItInAFileThatStillSignsIn() throws Exception {
        Path file = dir.resolve("password-admin.txt");
        String password;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = HubCli.configFile(
                    dir,
                    Map.of("store.path", dir.resolve("hub.db").toString()),
                    Map.of("admin.password", "", "http.port", String.valueOf(taken.getLocalPort())));

            HubCli.Result failed = HubCli.run(dir, "--config", config.toString());

            assertEquals(1, failed.exit(), failed.toString());
            assertTrue(failed.err().contains("event=hub-start-failed reason=web server:"), failed.toString());
            Matcher m = Pattern.compile("with password: (\\S+)\n").matcher(failed.out());
            assertTrue(m.find(), failed.toString());
            password = m.group(1);
            assertTrue(failed.out().contains("the password is also in " + file + " (mode 600)"), failed.toString());
            assertTrue(failed.err().contains("password=generated-printed-once file=" + file), failed.toString());
            assertFalse(failed.err().contains(password), "never in the log");
        }
        assertEquals(password + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Path config = HubCli.configFile(
                dir, Map.of("store.path", dir.resolve("hub.db").toString()), Map.of("admin.password", ""));
        try (Hub hub = Hub.start(HubConfigParser.load(config), Clock.systemUTC())) {
            ApiSession admin = ApiSession.login(hub.httpPort(), "admin", password);
            assertEquals(
                    204,
                    admin.post("/api/account/password", Map.of("current", password, "new", "a-new-password-1"))
                            .statusCode());
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void aFileWhosePasswordNoLongerMatchesIsRemovedAtTheNextStart() throws Exception {
        Path config = HubCli.configFile(
                dir, Map.of("store.path", dir.resolve("hub.db").toString()), Map.of("admin.password", ""));
        Path file = dir.resolve("password-admin.txt");
        try (Hub hub = Hub.start(HubConfigParser.load(config), Clock.systemUTC())) {
            assertTrue(Files.exists(file));
        }
        String kept = Files.readString(file);
        Files.writeString(file, "not-the-password\n");
        try (Hub hub = Hub.start(HubConfigParser.load(config), Clock.systemUTC())) {
            assertFalse(Files.exists(file), "a stale file is removed");
        }
        Files.writeString(file, kept);
        try (Hub hub = Hub.start(HubConfigParser.load(config), Clock.systemUTC())) {
            assertEquals(kept, Files.readString(file), "a file that still matches stays");
        }
    }
}
