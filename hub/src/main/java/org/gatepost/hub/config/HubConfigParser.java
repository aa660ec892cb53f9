package org.gatepost.hub.config;

import static org.gatepost.hub.config.HubConfig.*;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a properties file or a key/value map into a {@link HubConfig}. Values are trimmed; an empty value
 * counts as absent (the default applies). Unknown keys are rejected by name. Relative paths stay relative
 * to the working directory. Stateless and thread safe.
 */
public final class HubConfigParser {
    private static final Pattern SESSION_TIMEOUT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern RETENTION = Pattern.compile("(0+)|(\\d{1,6})(d|h)");

    private HubConfigParser() {}

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
                text(values, KEY_COMMUNITY_SECRET).orElse(""),
                sessionTimeout(values).orElse(DEFAULT_HTTP_SESSION_TIMEOUT),
                text(values, KEY_ADMIN_PASSWORD),
                retention(values).orElse(DEFAULT_RETENTION_ENTRIES),
                text(values, KEY_STORE_URL),
                text(values, KEY_STORE_USERNAME),
                text(values, KEY_STORE_PASSWORD),
                text(values, KEY_MQTT_SHARE_GROUP).orElse(DEFAULT_MQTT_SHARE_GROUP),
                trustedProxies(values),
                zone(values),
                text(values, KEY_METRICS_TOKEN));
    }

    /** {@value HubConfig#KEY_HUB_ZONE}: a time zone id as the gates' {@code gate.zone} takes ({@code Asia/Shanghai}). */
    private static Optional<ZoneId> zone(Map<String, String> values) {
        return text(values, KEY_HUB_ZONE).map(v -> {
            try {
                return ZoneId.of(v);
            } catch (DateTimeException e) {
                throw new ConfigException(
                        KEY_HUB_ZONE, "must be a time zone id such as Asia/Shanghai, got '" + v + "'");
            }
        });
    }

    /** {@value HubConfig#KEY_HTTP_TRUSTED_PROXIES}: addresses and CIDR ranges, comma-separated. */
    private static TrustedProxies trustedProxies(Map<String, String> values) {
        return text(values, KEY_HTTP_TRUSTED_PROXIES)
                .map(v -> {
                    try {
                        return TrustedProxies.parse(List.of(v.split("\\s*,\\s*")));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(KEY_HTTP_TRUSTED_PROXIES, e.getMessage());
                    }
                })
                .orElse(TrustedProxies.NONE);
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

    /** {@value HubConfig#KEY_HTTP_SESSION_TIMEOUT}: a whole number with a unit, {@code 30m}, {@code 8h}, {@code 90s}. */
    private static Optional<Duration> sessionTimeout(Map<String, String> values) {
        return text(values, KEY_HTTP_SESSION_TIMEOUT).map(v -> {
            Matcher m = SESSION_TIMEOUT.matcher(v);
            if (!m.matches()) {
                throw new ConfigException(
                        KEY_HTTP_SESSION_TIMEOUT,
                        "must be a duration like 30m or 8h (units ms, s, m, h), got '" + v + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        });
    }

    /** {@value HubConfig#KEY_RETENTION_ENTRIES}: a whole number of days or hours ({@code 400d}, {@code 36h}), or 0. */
    private static Optional<Duration> retention(Map<String, String> values) {
        return text(values, KEY_RETENTION_ENTRIES).map(v -> {
            Matcher m = RETENTION.matcher(v);
            if (!m.matches()) {
                throw new ConfigException(
                        KEY_RETENTION_ENTRIES,
                        "must be a duration like 400d or 36h, or 0 to keep entries forever, got '" + v + "'");
            }
            if (m.group(2) == null) {
                return Duration.ZERO;
            }
            long n = Long.parseLong(m.group(2));
            return m.group(3).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
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
