package org.gatepost.hub.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.hub.broker.EmbeddedBroker;
import org.gatepost.hub.ingest.InboundMessage;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.TestGateClient;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PahoHubClientTest {
    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void keepsRetryingTheFirstConnectUntilTheBrokerIsUpThenSubscribes() throws Exception {
        int port = freePort();
        List<InboundMessage> inbox = new CopyOnWriteArrayList<>();
        MqttSettings settings =
                new MqttSettings("tcp://127.0.0.1:" + port, "hub-test", Optional.empty(), Optional.empty());
        try (PahoHubClient client = new PahoHubClient(settings, List.of("gatepost/v1/gates/+/entries"), inbox::add)) {
            client.start();
            Await.until("a failed first connect", () -> client.failedConnects() >= 1);

            try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"))) {
                client.awaitSubscribed(Duration.ofSeconds(10));
                try (TestGateClient gate = TestGateClient.connect(broker.url(), "g1")) {
                    gate.publish("gatepost/v1/gates/g1/entries", "x".getBytes(StandardCharsets.UTF_8));
                }
                Await.until("message handed to the inbox", () -> inbox.size() == 1);
                assertEquals("gatepost/v1/gates/g1/entries", inbox.get(0).topic());
                assertEquals(1, inbox.get(0).qos());
                client.ack(inbox.get(0));
            }
        }
    }

    @Test
    void refusesABrokerUrlPahoCannotUse() {
        MqttSettings settings = new MqttSettings("nonsense://x", "hub-test", Optional.empty(), Optional.empty());

        MqttLinkException e =
                Assertions.assertThrows(MqttLinkException.class, () -> new PahoHubClient(settings, List.of(), m -> {}));

        assertFalse(e.getMessage().isEmpty());
    }
}
