package org.gatepost.hub.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubConfigParser;

/** Hub configurations for tests: everything under one temporary directory, free ports, loopback only. */
public final class TestHubs {
    public static final String SECRET = "test-community-secret-0123456789";
    /** Password of the operator account {@code admin} that every test hub starts with. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private TestHubs() {}

    public static HubConfig config(Path dir) {
        return config(dir, Map.of("store.path", dir.resolve("hub.db").toString()));
    }

    /** With the {@code store.*} keys given, such as {@code TestDatabases.hubKeys(backend)}. */
    public static HubConfig config(Path dir, Map<String, String> storeKeys) {
        Map<String, String> keys = new HashMap<>(storeKeys);
        keys.put("community.secret", SECRET);
        keys.putIfAbsent("broker.data", dir.resolve("hub-broker").toString());
        keys.put("broker.port", "0");
        keys.put("http.host", "127.0.0.1");
        keys.put("http.port", "0");
        keys.put("admin.password", ADMIN_PASSWORD);
        return HubConfigParser.parse(keys);
    }
}
