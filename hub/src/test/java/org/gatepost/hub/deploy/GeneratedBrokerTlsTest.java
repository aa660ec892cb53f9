package org.gatepost.hub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TLS listener with the self-signed certificate, and Java clients that trust it through the trust store. */
class GeneratedBrokerTlsTest extends OnGeneratedBroker {
    private static final String EPOCH = "3f9a1c2e7b5d4e60";

    private Process hub;

    @AfterEach
    void stopHub() throws InterruptedException {
        if (hub != null) {
            hub.destroy();
            if (!hub.waitFor(15, TimeUnit.SECONDS)) {
                hub.destroyForcibly();
            }
        }
    }

    /**
     * The real hub in its own JVM, configured the way docs/deployment.md says: an {@code ssl://} URL, the
     * credentials from credentials.txt and {@code -Djavax.net.ssl.trustStore} pointing at the generated trust
     * store. A gate (over TLS as well) publishes an entry until the hub's ack for it comes back.
     */
    @Test
    void theHubConnectsOverTlsWithTheGeneratedTrustStoreAndAcknowledgesAGate() throws Exception {
        Path config = dir.resolve("hub.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "mqtt.url=" + broker.tlsUrl(),
                        "mqtt.username=gatepost-hub",
                        "mqtt.password=" + broker.password("gatepost-hub"),
                        "store.path=" + dir.resolve("hub.db"),
                        "http.host=127.0.0.1",
                        "http.port=0",
                        "community.secret=test-community-secret-0123456789",
                        ""));
        Path hubLog = dir.resolve("hub.log");
        hub = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djavax.net.ssl.trustStore=" + broker.trustStore(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.gatepost.hub.Main",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(hubLog.toFile())
                .start();

        String ackTopic = "gatepost/v1/gates/g1/ack";
        byte[] entry = Contract.admitWithSeq("g1", EPOCH, 1);
        try (BrokerClient gate = BrokerClient.to(broker.tlsUrl())
                .as("g1", broker.password("g1"))
                .tls(broker.tls())
                .connect()) {
            gate.subscribe(ackTopic);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // Like the agent: publish until acknowledged (the hub may not have subscribed yet).
            while (!gate.receivedAnythingOn(ackTopic)) {
                assertTrue(hub.isAlive(), () -> "hub exited: " + read(hubLog));
                assertTrue(
                        System.nanoTime() < deadline,
                        () -> "no ack from the hub within 30 s; hub log:\n" + read(hubLog) + "\nbroker log:\n"
                                + read(dir.resolve("mosquitto.log")));
                gate.publish("gatepost/v1/gates/g1/entries", new String(entry, StandardCharsets.UTF_8));
                pollFor(Duration.ofSeconds(1), () -> gate.receivedAnythingOn(ackTopic));
            }
            String ack = gate.received().stream()
                    .filter(r -> r.topic().equals(ackTopic))
                    .findFirst()
                    .orElseThrow()
                    .payload();
            assertTrue(ack.contains("\"upTo\":1"), ack);
        }
        String log = broker.log();
        assertTrue(log.contains("on port " + broker.tlsPort + "."), log);
        assertTrue(log.contains(" as gatepost-hub (p2, c0"), "the hub's persistent session over TLS:\n" + log);
    }

    @Test
    void aClientWithoutTheCaCannotConnectOverTls() throws Exception {
        SSLContext plainJava = SSLContext.getInstance("TLS");
        plainJava.init(null, null, null);
        MqttException e = assertThrows(
                MqttException.class,
                () -> BrokerClient.to(broker.tlsUrl())
                        .as("g1", broker.password("g1"))
                        .tls(plainJava.getSocketFactory())
                        .connect());
        assertTrue(e.getCause() instanceof SSLHandshakeException, e.toString());
    }

    @Test
    void theServerCertificateNamesTheConfiguredHosts() throws Exception {
        var cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(dir.resolve("setup/tls/server.crt")));
        List<String> names = cert.getSubjectAlternativeNames().stream()
                .map(n -> n.get(1).toString())
                .toList();
        assertEquals(List.of("localhost", "127.0.0.1"), names);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; returns whether it held. */
    private static boolean pollFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no " + file + ")";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
