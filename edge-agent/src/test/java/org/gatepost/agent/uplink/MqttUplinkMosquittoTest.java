package org.gatepost.agent.uplink;

import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.testing.MosquittoBroker;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The basic delivery path against a real Mosquitto started by the test ({@code apt-get install mosquitto}). */
class MqttUplinkMosquittoTest {
    @TempDir
    Path dir;

    @Test
    void publishesEntriesInSeqOrderThroughMosquittoAndTheAckMarksThemDelivered() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
             SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), MqttUplinkMoquetteTest.GATE,
                     Clock.systemUTC());
             TestHub hub = TestHub.connect(broker.url(), MqttUplinkMoquetteTest.GATE);
             MqttUplink uplink = new MqttUplink(
                     UplinkSettings.of(broker.url(), MqttUplinkMoquetteTest.GATE, MqttUplinkMoquetteTest.BOOT),
                     store, Clock.systemUTC(), MqttUplinkMoquetteTest.QUICK_JITTER)) {
            for (int i = 0; i < 30; i++) store.append(SampleDrafts.admit(i));
            uplink.start();

            Await.until(Duration.ofSeconds(20), () -> store.ackedUpTo() == 30,
                    () -> "ackedUpTo=30 but is " + store.ackedUpTo());
            assertEquals(LongStream.rangeClosed(1, 30).boxed().toList(), hub.distinctArrivals());
        }
    }
}
