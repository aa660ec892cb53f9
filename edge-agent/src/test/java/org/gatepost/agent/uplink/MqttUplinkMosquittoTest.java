package org.gatepost.agent.uplink;

import static org.gatepost.agent.testing.Seqs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.MosquittoBroker;
import org.gatepost.agent.testing.SampleDrafts;
import org.gatepost.agent.testing.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Mosquitto started by the test ({@code apt-get install mosquitto}): the basic delivery path,
 * and the last will, which Mosquitto (unlike Moquette) keeps as the retained status.
 */
class MqttUplinkMosquittoTest {
    @TempDir
    Path dir;

    @Test
    void publishesEntriesInSeqOrderThroughMosquittoAndTheAckMarksThemDelivered() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
                SqliteEntryStore store =
                        SqliteEntryStore.open(dir.resolve("gate.db"), MqttUplinkMoquetteTest.GATE, Clock.systemUTC());
                TestHub hub = TestHub.connect(broker.url(), MqttUplinkMoquetteTest.GATE);
                MqttUplink uplink = new MqttUplink(
                        UplinkSettings.of(broker.url(), MqttUplinkMoquetteTest.GATE, MqttUplinkMoquetteTest.BOOT),
                        store,
                        Clock.systemUTC(),
                        MqttUplinkMoquetteTest.QUICK_JITTER)) {
            for (int i = 0; i < 30; i++) {
                store.append(SampleDrafts.admit(i));
            }
            uplink.start();

            Await.until(
                    Duration.ofSeconds(20),
                    () -> store.ackedUpTo() == 30,
                    () -> "ackedUpTo=30 but is " + store.ackedUpTo());
            assertEquals(range(1, 30), hub.distinctArrivals());
        }
    }

    @Test
    void aCutConnectionMakesTheBrokerAnnounceTheGateLostAndTheReconnectAnnouncesItOnline() throws Exception {
        String gate = MqttUplinkMoquetteTest.GATE;
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
                TcpProxy cable = TcpProxy.start(broker.port());
                SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), gate, Clock.systemUTC());
                TestHub observer = TestHub.connect(broker.url(), gate, "observer");
                MqttUplink uplink = new MqttUplink(
                        UplinkSettings.of(cable.url(), gate, MqttUplinkMoquetteTest.BOOT),
                        store,
                        Clock.systemUTC(),
                        MqttUplinkMoquetteTest.QUICK_JITTER)) {
            uplink.start();
            Await.until(
                    Duration.ofSeconds(10),
                    () -> reasons(observer.statuses()).equals(List.of("connected")),
                    () -> "online first, saw " + observer.statuses());

            cable.cut();

            Await.until(
                    Duration.ofSeconds(10),
                    () -> reasons(observer.statuses()).equals(List.of("connected", "lost", "connected")),
                    () -> "lost, then online again, saw " + observer.statuses());
            JsonNode lost = observer.statuses().get(1);
            assertEquals("offline", lost.get("state").asText());
            assertEquals(gate, lost.get("gate").asText());
            assertEquals(store.epoch(), lost.get("epoch").asText());
            assertEquals(MqttUplinkMoquetteTest.BOOT, lost.get("boot").asText());
            assertEquals(2, cable.accepted(), "the uplink came back through the same cable");
        }
    }

    private static List<String> reasons(List<JsonNode> statuses) {
        return statuses.stream().map(s -> s.get("reason").asText()).toList();
    }
}
