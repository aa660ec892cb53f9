package org.gatepost.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubConfigTest {
    private static final String SECRET = "correct-horse-battery";

    private static Map<String, String> withSecret(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put("community.secret", SECRET);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void appliesEveryDefaultWhenOnlyTheSecretIsGiven() {
        HubConfig c = HubConfigParser.parse(withSecret());

        assertEquals(Optional.empty(), c.mqttUrl());
        assertTrue(c.embeddedBroker());
        assertEquals(Optional.empty(), c.mqttUsername());
        assertEquals(Optional.empty(), c.mqttPassword());
        assertEquals("gatepost-hub", c.mqttClientId());
        assertEquals("127.0.0.1", c.brokerHost());
        assertEquals(1883, c.brokerPort());
        assertEquals(Path.of("gatepost-hub-broker"), c.brokerData());
        assertEquals("0.0.0.0", c.httpHost());
        assertEquals(8080, c.httpPort());
        assertEquals(Path.of("gatepost-hub.db"), c.storePath());
        assertEquals(SECRET, c.communitySecret());
        assertEquals(Optional.empty(), c.zone(), "the system's zone, decided at start (HubZone)");
    }

    @Test
    void readsEveryKeyFromAPropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hub.properties");
        Files.writeString(file, """
                mqtt.url = ssl://broker.example:8883
                mqtt.username = hub
                mqtt.password = pw
                mqtt.client-id = hub-0
                broker.host = 0.0.0.0
                broker.port = 11883
                broker.data = /var/lib/gatepost/broker
                http.host = 127.0.0.1
                http.port = 0
                store.path = /var/lib/gatepost/hub.db
                hub.zone = Asia/Shanghai
                community.secret = %s\s\s
                """.formatted(SECRET), StandardCharsets.UTF_8);

        HubConfig c = HubConfigParser.load(file);

        assertEquals(Optional.of("ssl://broker.example:8883"), c.mqttUrl());
        assertFalse(c.embeddedBroker());
        assertEquals(Optional.of("hub"), c.mqttUsername());
        assertEquals(Optional.of("pw"), c.mqttPassword());
        assertEquals("hub-0", c.mqttClientId());
        assertEquals("0.0.0.0", c.brokerHost());
        assertEquals(11883, c.brokerPort());
        assertEquals(Path.of("/var/lib/gatepost/broker"), c.brokerData());
        assertEquals("127.0.0.1", c.httpHost());
        assertEquals(0, c.httpPort());
        assertEquals(Path.of("/var/lib/gatepost/hub.db"), c.storePath());
        assertEquals(SECRET, c.communitySecret(), "trailing blanks are trimmed");
        assertEquals(Optional.of(ZoneId.of("Asia/Shanghai")), c.zone());
    }

    @Test
    void putsTheBrokerDataBesideTheStoreByDefault() {
        HubConfig c = HubConfigParser.parse(withSecret("store.path", "/srv/gp/hub.db"));

        assertEquals(Path.of("/srv/gp/hub-broker"), c.brokerData());
    }

    @Test
    void treatsAnEmptyValueAsAbsent() {
        HubConfig c = HubConfigParser.parse(withSecret("mqtt.url", "", "http.port", "  "));

        assertTrue(c.embeddedBroker());
        assertEquals(HubConfig.DEFAULT_HTTP_PORT, c.httpPort());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http.port      | abc                | http.port: must be an integer 0..65535, got 'abc'",
                "http.port      | 70000              | http.port: must be an integer 0..65535, got '70000'",
                "broker.port    | -1                 | broker.port: must be an integer 0..65535, got '-1'",
                "broker.port    | 1.5                | broker.port: must be an integer 0..65535, got '1.5'",
                "mqtt.url       | localhost:1883     | mqtt.url: must be a broker URL",
                "mqtt.url       | http://broker:80   | mqtt.url: must be a broker URL",
                "mqtt.url       | tcp://             | mqtt.url: must be a broker URL",
                "mqtt.client-id | hub 0              | mqtt.client-id: must be 1..64",
                "mqtt.client-id | #hub               | mqtt.client-id: must be 1..64",
                "broker.host    | my host            | broker.host: must be a non-empty value without spaces",
                "http.host      | a b                | http.host: must be a non-empty value without spaces",
                "mqtt.username  | hub user           | mqtt.username: must be a non-empty value without spaces",
                "community.secret | too-short        | community.secret: must be at least 16 characters, got 9",
                "mqtt.share-group | hubs/eu          | mqtt.share-group: must be a non-empty name without '/', '+' or '#'",
                "mqtt.share-group | hubs+            | mqtt.share-group: must be a non-empty name without '/', '+' or '#'",
                "mqtt.share-group | hubs#            | mqtt.share-group: must be a non-empty name without '/', '+' or '#'",
                "http.trusted-proxies | 10.0.0.5, proxy.lan | http.trusted-proxies: 'proxy.lan' is not an IP address or CIDR range",
                "http.trusted-proxies | 10.0.0.0/40  | http.trusted-proxies: '10.0.0.0/40' is not a valid range",
                "hub.zone       | Asia/Beijing       | hub.zone: must be a time zone id such as Asia/Shanghai, got 'Asia/Beijing'",
                "hub.zone       | CST                | hub.zone: must be a time zone id such as Asia/Shanghai, got 'CST'",
                "hub.zone       | +25:00             | hub.zone: must be a time zone id such as Asia/Shanghai, got '+25:00'",
                "hub.zone       | Asia/Shanghai/x    | hub.zone: must be a time zone id such as Asia/Shanghai, got 'Asia/Shanghai/x'",
                "metrics.token  | short-token        | metrics.token: must be at least 16 characters, got 11",
                "metrics.token  | long enough but spaced | metrics.token: must not contain spaces",
            })
    void rejectsABadValueNamingItsKey(String key, String value, String expectedStart) {
        ConfigException e = assertThrows(ConfigException.class, () -> HubConfigParser.parse(withSecret(key, value)));

        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void takesAMetricsTokenAsASecretThatIsNeverShown() {
        String token = "prometheus-token-0123456789";
        HubConfig with = HubConfigParser.parse(withSecret("metrics.token", token));

        assertEquals(Optional.of(token), with.metricsToken());
        assertEquals(Optional.empty(), HubConfigParser.parse(withSecret()).metricsToken());
        assertTrue(HubConfig.SECRET_KEYS.contains("metrics.token"));
        assertFalse(with.toString().contains(token), with.toString());
        ConfigException e = assertThrows(
                ConfigException.class, () -> HubConfigParser.parse(withSecret("metrics.token", "short-secret")));
        assertFalse(e.getMessage().contains("short-secret"), e.getMessage());
    }

    @Test
    void rejectsAPasswordWithoutAUsername() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> HubConfigParser.parse(withSecret("mqtt.password", "pw")));

        assertEquals("mqtt.password", e.key());
        assertEquals("mqtt.password: needs mqtt.username as well", e.getMessage());
    }

    @Test
    void usesSqliteUnlessAStoreUrlIsGiven() {
        HubConfig sqlite = HubConfigParser.parse(withSecret());
        HubConfig pg = HubConfigParser.parse(withSecret(
                "store.url",
                "jdbc:postgresql://db1:5432,db2:5432/gatepost?targetServerType=primary",
                "store.username",
                "gatepost",
                "store.password",
                "s3cret-pg"));

        assertEquals(Optional.empty(), sqlite.storeUrl());
        assertEquals(
                Optional.of("jdbc:postgresql://db1:5432,db2:5432/gatepost?targetServerType=primary"), pg.storeUrl());
        assertEquals(Optional.of("gatepost"), pg.storeUsername());
        assertEquals(Optional.of("s3cret-pg"), pg.storePassword());
        assertFalse(pg.toString().contains("s3cret-pg"));
    }

    @Test
    void sharesSubscriptionsOnlyWithAPostgresqlStoreAndAnExternalBroker() {
        String pg = "jdbc:postgresql://db/gatepost";
        HubConfig shared = HubConfigParser.parse(withSecret("store.url", pg, "mqtt.url", "tcp://broker:1883"));
        HubConfig named = HubConfigParser.parse(
                withSecret("store.url", pg, "mqtt.url", "tcp://broker:1883", "mqtt.share-group", "site-7-hubs"));

        assertEquals("gatepost-hubs", shared.mqttShareGroup());
        assertEquals("site-7-hubs", named.mqttShareGroup());
        assertTrue(shared.sharedSubscriptions());
        assertFalse(
                HubConfigParser.parse(withSecret("store.url", pg)).sharedSubscriptions(),
                "the embedded broker has no shared subscriptions");
        assertFalse(
                HubConfigParser.parse(withSecret("mqtt.url", "tcp://broker:1883"))
                        .sharedSubscriptions(),
                "SQLite: one hub");
    }

    @Test
    void trustsNoProxyUnlessTold() {
        HubConfig none = HubConfigParser.parse(withSecret("http.host", "127.0.0.1"));
        HubConfig two = HubConfigParser.parse(withSecret("http.trusted-proxies", "10.0.0.5, 10.0.1.0/24"));

        assertEquals("10.0.0.5", none.httpTrustedProxies().client("10.0.0.5", List.of("1.2.3.4")));
        assertEquals("1.2.3.4", two.httpTrustedProxies().client("10.0.1.7", List.of("1.2.3.4")));
        assertEquals("[10.0.0.5, 10.0.1.0/24]", two.httpTrustedProxies().toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "store.url      | jdbc:mysql://db/gatepost   | store.url: must be a PostgreSQL JDBC URL",
                "store.url      | postgresql://db/gatepost   | store.url: must be a PostgreSQL JDBC URL",
                "store.username | gatepost                   | store.username: needs store.url",
            })
    void rejectsABadStoreKeyNamingIt(String key, String value, String expectedStart) {
        ConfigException e = assertThrows(ConfigException.class, () -> HubConfigParser.parse(withSecret(key, value)));

        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void rejectsAStorePasswordWithoutAUsername() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> HubConfigParser.parse(
                        withSecret("store.url", "jdbc:postgresql://db/gatepost", "store.password", "x")));

        assertTrue(e.getMessage().startsWith("store.password: needs store.username"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownKeyNamingIt() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> HubConfigParser.parse(withSecret("http.prot", "8080")));

        assertEquals("http.prot", e.key());
        assertTrue(e.getMessage().startsWith("http.prot: unknown key"), e.getMessage());
    }

    @Test
    void requiresTheCommunitySecret() {
        ConfigException e = assertThrows(ConfigException.class, () -> HubConfigParser.parse(Map.of()));

        assertEquals("community.secret", e.key());
        assertTrue(e.getMessage().startsWith("community.secret: is required"), e.getMessage());
    }

    @Test
    void neverShowsTheSecretOrThePasswordInMessagesOrToString() {
        String secret = "s3cr3t-value-0123456789";
        HubConfig c = HubConfigParser.parse(
                Map.of("community.secret", secret, "mqtt.username", "hub", "mqtt.password", "pa55word"));
        ConfigException tooShort = assertThrows(
                ConfigException.class, () -> HubConfigParser.parse(Map.of("community.secret", "short-s3cr3t")));

        assertFalse(c.toString().contains(secret), c.toString());
        assertFalse(c.toString().contains("pa55word"), c.toString());
        assertFalse(tooShort.getMessage().contains("short-s3cr3t"), tooShort.getMessage());
    }

    @Test
    void reportsAnUnreadableFileAgainstTheConfigOption(@TempDir Path dir) {
        ConfigException e =
                assertThrows(ConfigException.class, () -> HubConfigParser.load(dir.resolve("missing.properties")));

        assertEquals("--config", e.key());
    }

    @Test
    void exampleFileInDocsIsAValidConfiguration() throws Exception {
        Path example = Path.of("..", "docs", "hub.example.properties");
        String text = Files.readString(example, StandardCharsets.UTF_8);

        HubConfig c = HubConfigParser.parse(parseProperties(text));

        assertTrue(c.communitySecret().length() >= HubConfig.MIN_SECRET_LENGTH);
        assertEquals(Optional.of(ZoneId.of("Asia/Shanghai")), c.zone());
    }

    @ParameterizedTest
    @CsvSource({"hub-1, gatepost-hub-1", "hub-2, gatepost-hub-2"})
    void theDistrictExampleFilesAreInstancesOfOneSiteBehindAProxy(String file, String clientId) throws Exception {
        Path example = Path.of("..", "deploy", "district", file + ".properties");
        HubConfig c = HubConfigParser.parse(parseProperties(Files.readString(example, StandardCharsets.UTF_8)));

        assertEquals(clientId, c.mqttClientId());
        assertEquals(Optional.of(clientId), c.mqttUsername(), "each instance its own broker user");
        assertTrue(c.sharedSubscriptions(), "PostgreSQL and an external broker: a shared subscription");
        assertEquals("1.2.3.4", c.httpTrustedProxies().client("10.0.0.10", List.of("1.2.3.4")));
        assertEquals(Optional.of(ZoneId.of("Asia/Shanghai")), c.zone(), "days of the community, not of UTC");
    }

    @ParameterizedTest(name = "hub.zone={0}")
    @CsvSource({"Asia/Shanghai, Asia/Shanghai", "' Asia/Urumqi ', Asia/Urumqi", "UTC, UTC", "+08:00, +08:00"})
    void readsTheZoneAsTheGatesReadGateZone(String value, String id) {
        assertEquals(
                Optional.of(ZoneId.of(id)),
                HubConfigParser.parse(withSecret("hub.zone", value)).zone());
    }

    @ParameterizedTest(name = "retention.entries={0}")
    @CsvSource({"'', 400", "400d, 400", "30d, 30", "48h, 2", "0, 0", "0d, 0"})
    void readsTheEntryRetentionInDaysOrHoursWithZeroForForever(String value, long days) {
        HubConfig c = HubConfigParser.parse(withSecret("retention.entries", value));

        assertEquals(Duration.ofDays(days), c.retentionEntries());
    }

    @ParameterizedTest(name = "retention.entries={0}")
    @CsvSource({"400", "-1d", "2w", "1.5d", "forever"})
    void refusesARetentionWithoutAUnitNamingTheKey(String value) {
        ConfigException e = assertThrows(
                ConfigException.class, () -> HubConfigParser.parse(withSecret("retention.entries", value)));

        assertEquals("retention.entries", e.key());
        assertTrue(e.getMessage().contains("like 400d"), e.getMessage());
    }

    private static Map<String, String> parseProperties(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }
}
