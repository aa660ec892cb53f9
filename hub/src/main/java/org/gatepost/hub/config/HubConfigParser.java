package org.gatepost.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

import static org.gatepost.hub.config.HubConfig.*;

/**
 * Turns a properties file or a key/value map into a {@link HubConfig}. Values are trimmed; an empty value
 * counts as absent (the default applies). Unknown keys are rejected by name. Relative paths stay relative
 * to the working directory. Stateless and thread safe.
 */
public final class HubConfigParser {
    private HubConfigParser() {
    }

    /** Reads a UTF-8 properties file. Throws {@link ConfigException} naming {@code --config} if unreadable. */
    public static HubConfig load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return parse(values);
    }

    /** Validates the given keys (a subset of {@link HubConfig#KEYS}) and fills in the defaults. */
    public static HubConfig parse(Map<String, String> values) {
        TreeSet<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            String key = unknown.first();
            throw new ConfigException(key, "unknown key (known keys: " + new TreeSet<>(KEYS) + ")");
        }
        Path store = path(values, KEY_STORE_PATH).orElse(DEFAULT_STORE_PATH);
        return new HubConfig(
                text(values, KEY_MQTT_URL),
                text(values, KEY_MQTT_USERNAME),
                text(values, KEY_MQTT_PASSWORD),
                text(values, KEY_MQTT_CLIENT_ID).orElse(DEFAULT_MQTT_CLIENT_ID),
                text(values, KEY_BROKER_HOST).orElse(DEFAULT_BROKER_HOST),
                port(values, KEY_BROKER_PORT).orElse(DEFAULT_BROKER_PORT),
                path(values, KEY_BROKER_DATA).orElseGet(() -> defaultBrokerData(store)),
                text(values, KEY_HTTP_HOST).orElse(DEFAULT_HTTP_HOST),
                port(values, KEY_HTTP_PORT).orElse(DEFAULT_HTTP_PORT),
                store,
                text(values, KEY_COMMUNITY_SECRET).orElse(""));
    }

    private static Optional<String> text(Map<String, String> values, String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static Optional<Integer> port(Map<String, String> values, String key) {
        return text(values, key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "must be an integer 0..65535, got '" + v + "'");
            }
        });
    }

    private static Optional<Path> path(Map<String, String> values, String key) {
        return text(values, key).map(v -> {
            try {
                return Path.of(v);
            } catch (InvalidPathException e) {
                throw new ConfigException(key, "is not a valid path: '" + v + "'");
            }
        });
    }
}
