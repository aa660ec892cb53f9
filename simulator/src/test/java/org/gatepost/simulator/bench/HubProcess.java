package org.gatepost.simulator.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/**
 * The hub in its own JVM (default heap, as on a server), on a fresh database under {@code dir}, subscribed
 * to the given broker or running its embedded one. {@link #start} returns once the hub logged its dashboard
 * URL, i.e. once its MQTT subscription is in place, and its policy decides on the first reading ({@link HubPolicy}).
 * Checks go through {@link #db()}, read-only.
 */
final class HubProcess implements AutoCloseable {
    static final String SECRET = "benchmark-community-secret";
    private static final String ADMIN_PASSWORD = "benchmark-admin-password";
    private static final String SUBSCRIBED = "event=mqtt-subscribed";
    private static final String READY = "event=dashboard-ready url=";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private final JavaProcess process;
    private final HubDb db;

    private HubProcess(JavaProcess process, HubDb db) {
        this.process = process;
        this.db = db;
    }

    /** A hub using the broker at {@code mqttUrl}. */
    static HubProcess external(Path dir, String mqttUrl) throws IOException, InterruptedException, TimeoutException {
        Properties p = base(dir);
        p.setProperty("mqtt.url", mqttUrl);
        return start(dir, p);
    }

    /**
     * A hub using the broker at {@code mqttUrl} and the PostgreSQL database at {@code storeUrl} (user
     * {@code storeUser}, no password: a test cluster), with MQTT client id {@code clientId}: several such hubs on
     * one database share the gates' messages.
     */
    static HubProcess postgres(Path dir, String mqttUrl, String storeUrl, String storeUser, String clientId)
            throws IOException, InterruptedException, TimeoutException {
        Properties p = base(dir);
        p.remove("store.path");
        p.setProperty("mqtt.url", mqttUrl);
        p.setProperty("mqtt.client-id", clientId);
        p.setProperty("store.url", storeUrl);
        p.setProperty("store.username", storeUser);
        return start(dir, p, new HubDb(storeUrl, storeUser));
    }

    /** A hub running its embedded Moquette broker on {@code brokerPort} (loopback). */
    static HubProcess embedded(Path dir, int brokerPort) throws IOException, InterruptedException, TimeoutException {
        Properties p = base(dir);
        p.setProperty("broker.host", "127.0.0.1");
        p.setProperty("broker.port", Integer.toString(brokerPort));
        p.setProperty("broker.data", dir.resolve("broker").toString());
        return start(dir, p);
    }

    private static Properties base(Path dir) {
        Properties p = new Properties();
        p.setProperty("http.host", "127.0.0.1");
        p.setProperty("http.port", "0");
        p.setProperty("store.path", dir.resolve("hub.db").toString());
        p.setProperty("community.secret", SECRET);
        p.setProperty("admin.password", ADMIN_PASSWORD);
        return p;
    }

    private static HubProcess start(Path dir, Properties p) throws IOException, InterruptedException, TimeoutException {
        return start(dir, p, new HubDb(dir.resolve("hub.db")));
    }

    private static HubProcess start(Path dir, Properties p, HubDb db)
            throws IOException, InterruptedException, TimeoutException {
        Files.createDirectories(dir);
        Path config = dir.resolve("hub.properties");
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "benchmark hub");
        }
        JavaProcess jp = JavaProcess.start(
                "hub",
                Programs.hubJvm(),
                Programs.hub(),
                List.of("--config", config.toString()),
                List.of(SUBSCRIBED, READY),
                dir.resolve("hub.log"));
        try {
            jp.awaitMarker(READY, START_TIMEOUT);
            if (jp.markedAt(SUBSCRIBED) == null) {
                throw new IOException("hub started without its MQTT subscription; see " + dir);
            }
            HubPolicy.put(jp.markedLine(READY), ADMIN_PASSWORD, HubPolicy.FIRST_READING_DECIDES);
        } catch (IOException | TimeoutException | RuntimeException e) {
            jp.close();
            throw e;
        }
        return new HubProcess(jp, db);
    }

    HubDb db() {
        return db;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        db.close();
        process.close();
    }
}
