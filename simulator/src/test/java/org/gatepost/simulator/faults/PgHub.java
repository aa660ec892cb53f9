package org.gatepost.simulator.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.gatepost.hub.testing.PostgresCluster;

/**
 * The hub in its own JVM on a PostgreSQL store ({@code store.url}), with its HTTP API on a free loopback port, and
 * reads of its {@code entries} table straight from the database.
 */
final class PgHub implements AutoCloseable {
    private final JvmProcess process;
    private final int httpPort;
    private final String storeUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PgHub(JvmProcess process, int httpPort, String storeUrl) {
        this.process = process;
        this.httpPort = httpPort;
        this.storeUrl = storeUrl;
    }

    static PgHub start(Path dir, String mqttUrl, String storeUrl) throws IOException {
        return start(dir, "hub", mqttUrl, storeUrl);
    }

    /** An instance named {@code name}: its own config, log, MQTT client id and HTTP port; one of several on a store. */
    static PgHub start(Path dir, String name, String mqttUrl, String storeUrl) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve(name + ".properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "mqtt.url=" + mqttUrl,
                        "mqtt.client-id=gatepost-" + name,
                        "http.port=" + port,
                        "http.host=127.0.0.1",
                        "store.url=" + storeUrl,
                        "store.username=" + PostgresCluster.SUPERUSER,
                        "store.path=" + dir.resolve("unused-" + name + ".db"),
                        "community.secret=" + FaultRig.SECRET,
                        ""));
        JvmProcess process = new JvmProcess(
                "org.gatepost.hub.Main", List.of("--config", config.toString()), dir.resolve(name + ".log"));
        process.start();
        return new PgHub(process, port, storeUrl);
    }

    boolean alive() {
        return process.alive();
    }

    /** The status of {@code GET /api/health} (200 or 503), or -1 when the hub does not answer within 10 s. */
    int health() {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String log() throws IOException {
        return process.logText();
    }

    /** Every row's sequence number for {@code gate} in the hub's entries table at {@code url} (duplicates kept). */
    static List<Long> seqs(String url, String gate) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresCluster.SUPERUSER, "")) {
            return FaultRig.entrySeqs(c, gate);
        }
    }

    /** Rows in the entries table, or -1 when the database cannot be read. */
    long entries() {
        try (Connection c = DriverManager.getConnection(storeUrl, PostgresCluster.SUPERUSER, "");
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM entries");
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    String storeUrl() {
        return storeUrl;
    }

    void stop() throws InterruptedException {
        process.stop();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
