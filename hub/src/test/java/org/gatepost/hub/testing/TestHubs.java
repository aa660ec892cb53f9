package org.gatepost.hub.testing;

import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubConfigParser;

import java.nio.file.Path;
import java.util.Map;

/** Hub configurations for tests: everything under one temporary directory, free ports, loopback only. */
public final class TestHubs {
    public static final String SECRET = "test-community-secret-0123456789";
    /** Password of the operator account {@code admin} that every test hub starts with. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private TestHubs() {
    }

    public static HubConfig config(Path dir) {
        return HubConfigParser.parse(Map.of(
                "community.secret", SECRET,
                "store.path", dir.resolve("hub.db").toString(),
                "broker.port", "0",
                "http.host", "127.0.0.1",
                "http.port", "0",
                "admin.password", ADMIN_PASSWORD));
    }
}
