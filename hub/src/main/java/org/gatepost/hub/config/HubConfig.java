package org.gatepost.hub.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.gatepost.hub.auth.Passwords;

/**
 * The hub's configuration, validated once. Immutable and thread safe. Every invariant is checked in the
 * constructor, so a {@code HubConfig} that exists is valid; a violation throws {@link ConfigException}
 * naming the key. {@link #toString()} never shows the password or the community secret.
 *
 * <p>Build one from a properties file with {@link HubConfigParser#load(Path)} or from key/value pairs with
 * {@link HubConfigParser#parse(java.util.Map)}; the keys are the {@code KEY_*} constants.
 *
 * @param mqttUrl         external broker ({@code tcp://host:port}, {@code ssl://…}); empty: run the embedded broker
 * @param brokerPort      embedded broker port; 0 picks a free port at start
 * @param brokerData      embedded broker persistence directory
 * @param httpPort        dashboard and API port; 0 picks a free port at start
 * @param communitySecret HMAC key shared with the gates; at least {@value #MIN_SECRET_LENGTH} characters
 * @param httpSessionTimeout a dashboard session ends after this long without a request
 * @param adminPassword   password of the first operator account {@code admin}, used only while the hub has no
 *                        account; empty: a generated one is printed once to stdout
 * @param retentionEntries entries received longer ago than this are deleted; {@link Duration#ZERO}: kept forever
 * @param storeUrl        a PostgreSQL JDBC URL ({@code jdbc:postgresql://host:port[,host2:port]/db?targetServerType=primary});
 *                        empty: the SQLite file at {@code storePath}
 * @param storeUsername   the PostgreSQL user; only with {@code storeUrl}
 * @param storePassword   the PostgreSQL user's password; only with {@code storeUsername}
 * @param mqttShareGroup  the MQTT shared-subscription group of the hub instances that share one PostgreSQL
 *                        ({@code $share/<group>/<filter>}); used only with {@code storeUrl} and an external broker
 * @param httpTrustedProxies the reverse proxies whose {@code X-Forwarded-For} the web server believes; none by default
 * @param zone            the time zone in which the hub counts days (reports, "today", quarantine ends given as local
 *                        dates or times); empty: the system's zone ({@link HubZone})
 * @param metricsToken    the bearer token Prometheus sends to {@code /metrics} (docs/metrics.md), at least
 *                        {@value #MIN_METRICS_TOKEN_LENGTH} characters; empty: {@code /metrics} answers 404
 */
public record HubConfig(
        Optional<String> mqttUrl,
        Optional<String> mqttUsername,
        Optional<String> mqttPassword,
        String mqttClientId,
        String brokerHost,
        int brokerPort,
        Path brokerData,
        String httpHost,
        int httpPort,
        Path storePath,
        String communitySecret,
        Duration httpSessionTimeout,
        Optional<String> adminPassword,
        Duration retentionEntries,
        Optional<String> storeUrl,
        Optional<String> storeUsername,
        Optional<String> storePassword,
        String mqttShareGroup,
        TrustedProxies httpTrustedProxies,
        Optional<ZoneId> zone,
        Optional<String> metricsToken) {

    public static final String KEY_MQTT_URL = "mqtt.url";
    public static final String KEY_MQTT_USERNAME = "mqtt.username";
    public static final String KEY_MQTT_PASSWORD = "mqtt.password";
    public static final String KEY_MQTT_CLIENT_ID = "mqtt.client-id";
    public static final String KEY_BROKER_HOST = "broker.host";
    public static final String KEY_BROKER_PORT = "broker.port";
    public static final String KEY_BROKER_DATA = "broker.data";
    public static final String KEY_HTTP_HOST = "http.host";
    public static final String KEY_HTTP_PORT = "http.port";
    public static final String KEY_STORE_PATH = "store.path";
    public static final String KEY_COMMUNITY_SECRET = "community.secret";
    public static final String KEY_HTTP_SESSION_TIMEOUT = "http.session-timeout";
    public static final String KEY_ADMIN_PASSWORD = "admin.password";
    public static final String KEY_RETENTION_ENTRIES = "retention.entries";
    public static final String KEY_STORE_URL = "store.url";
    public static final String KEY_STORE_USERNAME = "store.username";
    public static final String KEY_STORE_PASSWORD = "store.password";
    public static final String KEY_MQTT_SHARE_GROUP = "mqtt.share-group";
    public static final String KEY_HTTP_TRUSTED_PROXIES = "http.trusted-proxies";
    public static final String KEY_HUB_ZONE = "hub.zone";
    public static final String KEY_METRICS_TOKEN = "metrics.token";

    /** Every key the hub understands; anything else in a file is a typo and is rejected. */
    /** The keys whose values are secrets (never logged; the file holding them should be mode 600). */
    public static final Set<String> SECRET_KEYS =
            Set.of(KEY_MQTT_PASSWORD, KEY_COMMUNITY_SECRET, KEY_ADMIN_PASSWORD, KEY_METRICS_TOKEN);

    public static final Set<String> KEYS = Set.of(
            KEY_MQTT_URL,
            KEY_MQTT_USERNAME,
            KEY_MQTT_PASSWORD,
            KEY_MQTT_CLIENT_ID,
            KEY_BROKER_HOST,
            KEY_BROKER_PORT,
            KEY_BROKER_DATA,
            KEY_HTTP_HOST,
            KEY_HTTP_PORT,
            KEY_STORE_PATH,
            KEY_COMMUNITY_SECRET,
            KEY_HTTP_SESSION_TIMEOUT,
            KEY_ADMIN_PASSWORD,
            KEY_RETENTION_ENTRIES,
            KEY_STORE_URL,
            KEY_STORE_USERNAME,
            KEY_STORE_PASSWORD,
            KEY_MQTT_SHARE_GROUP,
            KEY_HTTP_TRUSTED_PROXIES,
            KEY_HUB_ZONE,
            KEY_METRICS_TOKEN);

    public static final String DEFAULT_MQTT_CLIENT_ID = "gatepost-hub";
    public static final String DEFAULT_MQTT_SHARE_GROUP = "gatepost-hubs";
    public static final String DEFAULT_BROKER_HOST = "127.0.0.1";
    public static final int DEFAULT_BROKER_PORT = 1883;
    public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final Path DEFAULT_STORE_PATH = Path.of("gatepost-hub.db");
    /** The default broker data directory is this suffix on the store file's name, in the store's directory. */
    public static final String DEFAULT_BROKER_DATA_SUFFIX = "-broker";

    public static final int MIN_SECRET_LENGTH = 16;
    public static final int MIN_METRICS_TOKEN_LENGTH = 16;
    public static final Duration DEFAULT_HTTP_SESSION_TIMEOUT = Duration.ofHours(8);
    public static final Duration MIN_HTTP_SESSION_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration MAX_HTTP_SESSION_TIMEOUT = Duration.ofDays(30);
    public static final Duration DEFAULT_RETENTION_ENTRIES = Duration.ofDays(400);

    private static final String STORE_URL_PREFIX = "jdbc:postgresql://";
    private static final Set<String> MQTT_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");
    /** MQTT allows more, but ids this simple work with every broker and ACL pattern. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public HubConfig {
        Objects.requireNonNull(mqttUrl, KEY_MQTT_URL);
        Objects.requireNonNull(mqttUsername, KEY_MQTT_USERNAME);
        Objects.requireNonNull(mqttPassword, KEY_MQTT_PASSWORD);
        mqttUrl.ifPresent(HubConfig::checkMqttUrl);
        if (mqttPassword.isPresent() && mqttUsername.isEmpty()) {
            throw new ConfigException(KEY_MQTT_PASSWORD, "needs " + KEY_MQTT_USERNAME + " as well");
        }
        mqttUsername.ifPresent(u -> checkNoWhitespace(KEY_MQTT_USERNAME, u));
        if (mqttClientId == null || !CLIENT_ID.matcher(mqttClientId).matches()) {
            throw new ConfigException(
                    KEY_MQTT_CLIENT_ID,
                    "must be 1..64 of letters, digits, '_', '.', '-' starting with a letter or digit, got '"
                            + mqttClientId + "'");
        }
        checkNoWhitespace(KEY_BROKER_HOST, brokerHost);
        checkPort(KEY_BROKER_PORT, brokerPort);
        if (brokerData == null) {
            throw new ConfigException(KEY_BROKER_DATA, "must be a directory path");
        }
        checkNoWhitespace(KEY_HTTP_HOST, httpHost);
        checkPort(KEY_HTTP_PORT, httpPort);
        if (storePath == null || storePath.getFileName() == null) {
            throw new ConfigException(KEY_STORE_PATH, "must be a file path");
        }
        if (communitySecret == null || communitySecret.isEmpty()) {
            throw new ConfigException(
                    KEY_COMMUNITY_SECRET,
                    "is required (at least " + MIN_SECRET_LENGTH + " characters, the same value as on the gates)");
        }
        if (communitySecret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException(
                    KEY_COMMUNITY_SECRET,
                    "must be at least " + MIN_SECRET_LENGTH + " characters, got " + communitySecret.length());
        }
        if (httpSessionTimeout == null
                || httpSessionTimeout.compareTo(MIN_HTTP_SESSION_TIMEOUT) < 0
                || httpSessionTimeout.compareTo(MAX_HTTP_SESSION_TIMEOUT) > 0) {
            throw new ConfigException(
                    KEY_HTTP_SESSION_TIMEOUT, "must be between 1m and 720h, got " + httpSessionTimeout);
        }
        Objects.requireNonNull(adminPassword, KEY_ADMIN_PASSWORD);
        if (retentionEntries == null || retentionEntries.isNegative()) {
            throw new ConfigException(
                    KEY_RETENTION_ENTRIES, "must be a duration like 400d, or 0 to keep entries forever");
        }
        Objects.requireNonNull(storeUrl, KEY_STORE_URL);
        Objects.requireNonNull(storeUsername, KEY_STORE_USERNAME);
        Objects.requireNonNull(storePassword, KEY_STORE_PASSWORD);
        storeUrl.ifPresent(HubConfig::checkStoreUrl);
        if (storeUsername.isPresent() && storeUrl.isEmpty()) {
            throw new ConfigException(KEY_STORE_USERNAME, "needs " + KEY_STORE_URL + " as well (SQLite has no users)");
        }
        if (storePassword.isPresent() && storeUsername.isEmpty()) {
            throw new ConfigException(KEY_STORE_PASSWORD, "needs " + KEY_STORE_USERNAME + " as well");
        }
        storeUsername.ifPresent(u -> checkNoWhitespace(KEY_STORE_USERNAME, u));
        if (mqttShareGroup == null
                || mqttShareGroup.isEmpty()
                || mqttShareGroup.chars().anyMatch(ch -> ch == '/' || ch == '+' || ch == '#')) {
            throw new ConfigException(
                    KEY_MQTT_SHARE_GROUP,
                    "must be a non-empty name without '/', '+' or '#', got '" + mqttShareGroup + "'");
        }
        Objects.requireNonNull(httpTrustedProxies, KEY_HTTP_TRUSTED_PROXIES);
        Objects.requireNonNull(zone, KEY_HUB_ZONE);
        Objects.requireNonNull(metricsToken, KEY_METRICS_TOKEN);
        metricsToken.ifPresent(t -> {
            if (t.chars().anyMatch(Character::isWhitespace)) { // the value is a secret: never shown
                throw new ConfigException(KEY_METRICS_TOKEN, "must not contain spaces");
            }
            if (t.length() < MIN_METRICS_TOKEN_LENGTH) {
                throw new ConfigException(
                        KEY_METRICS_TOKEN,
                        "must be at least " + MIN_METRICS_TOKEN_LENGTH + " characters, got " + t.length());
            }
        });
        adminPassword.flatMap(Passwords::problem).ifPresent(p -> {
            throw new ConfigException(KEY_ADMIN_PASSWORD, p);
        });
    }

    /** The broker data directory used when {@value #KEY_BROKER_DATA} is not set: beside the store file. */
    public static Path defaultBrokerData(Path storePath) {
        String name = storePath.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return storePath.resolveSibling(stem + DEFAULT_BROKER_DATA_SUFFIX);
    }

    /**
     * True when this hub is one of several instances that may share the gates' messages: a PostgreSQL store and an
     * external broker. Then it subscribes through the shared subscription {@code $share/<mqttShareGroup>/...} with
     * clean sessions (docs/mqtt.md, "Several hub instances"). The embedded broker (Moquette 0.17) has no shared
     * subscriptions, so a hub running it subscribes to the plain filters.
     */
    public boolean sharedSubscriptions() {
        return storeUrl.isPresent() && !embeddedBroker();
    }

    /** True when the hub runs its own broker (no {@value #KEY_MQTT_URL}). */
    public boolean embeddedBroker() {
        return mqttUrl.isEmpty();
    }

    @Override
    public String toString() {
        return "HubConfig[mqttUrl=" + mqttUrl.orElse("(embedded)")
                + ", mqttUsername=" + mqttUsername.orElse("(none)")
                + ", mqttPassword=" + (mqttPassword.isPresent() ? "(set)" : "(none)")
                + ", mqttClientId=" + mqttClientId
                + ", broker=" + brokerHost + ":" + brokerPort + ", brokerData=" + brokerData
                + ", http=" + httpHost + ":" + httpPort + ", storePath=" + storePath
                + ", communitySecret=(set)"
                + ", httpSessionTimeout=" + httpSessionTimeout
                + ", adminPassword=" + (adminPassword.isPresent() ? "(set)" : "(none)")
                + ", retentionEntries=" + (retentionEntries.isZero() ? "forever" : retentionEntries.toDays() + "d")
                + ", storeUrl="
                + storeUrl.map(u -> u.contains("?") ? u.substring(0, u.indexOf('?')) + "?…" : u)
                        .orElse("(none)")
                + ", storeUsername=" + storeUsername.orElse("(none)")
                + ", storePassword=" + (storePassword.isPresent() ? "(set)" : "(none)")
                + ", mqttShareGroup=" + mqttShareGroup
                + ", httpTrustedProxies=" + httpTrustedProxies
                + ", zone=" + zone.map(ZoneId::getId).orElse("(system)")
                + ", metricsToken=" + (metricsToken.isPresent() ? "(set)" : "(none)") + "]";
    }

    private static void checkMqttUrl(String url) {
        String expected = "must be a broker URL like tcp://host:1883 or ssl://host:8883, got '" + url + "'";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(KEY_MQTT_URL, expected);
        }
        if (uri.getScheme() == null || !MQTT_SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException(KEY_MQTT_URL, expected);
        }
    }

    /** The shape only; whether the server is there and the login works is found out at start. */
    private static void checkStoreUrl(String url) {
        if (!url.startsWith(STORE_URL_PREFIX)
                || url.length() == STORE_URL_PREFIX.length()
                || url.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(
                    KEY_STORE_URL,
                    "must be a PostgreSQL JDBC URL like "
                            + "jdbc:postgresql://db1:5432,db2:5432/gatepost?targetServerType=primary, got '"
                            + (url.contains("?") ? url.substring(0, url.indexOf('?')) + "?…" : url) + "'");
        }
    }

    private static void checkPort(String key, int port) {
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, "must be an integer 0..65535, got '" + port + "'");
        }
    }

    private static void checkNoWhitespace(String key, String value) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(key, "must be a non-empty value without spaces, got '" + value + "'");
        }
    }
}
