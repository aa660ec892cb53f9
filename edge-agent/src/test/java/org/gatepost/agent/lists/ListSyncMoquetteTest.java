package org.gatepost.agent.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatepost.agent.contract.Topics;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreHealth;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.Closers;
import org.gatepost.agent.testing.HubLists;
import org.gatepost.agent.testing.MoquetteBroker;
import org.gatepost.agent.uplink.GateTelemetry;
import org.gatepost.agent.uplink.MqttUplink;
import org.gatepost.agent.uplink.PurgeHandler;
import org.gatepost.agent.uplink.UplinkSettings;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lists through a real broker: retained parts and manifest published by a stand-in hub before the gate connects. */
class ListSyncMoquetteTest {
    private static final String GATE = "north-gate";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @AutoClose
    private final Closers closers = new Closers();

    private MqttClient hub(String url) throws Exception {
        MqttClient c = new MqttClient(url, "hub-test", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        c.connect(o);
        closers.later(() -> {
            if (c.isConnected()) {
                c.disconnect();
            }
            c.close();
        });
        return c;
    }

    @Test
    void aGateThatConnectsAfterTheHubPublishedGetsEveryListAndReportsItsVersions() throws Exception {
        MoquetteBroker broker = closers.later(MoquetteBroker.startInMemory());
        MqttClient hub = hub(broker.url());
        HubLists.Version residents =
                HubLists.split("residents", 12, Instant.EPOCH, HubLists.residents(1200), 64 * 1024);
        for (int i = 0; i < residents.parts().size(); i++) {
            hub.publish(residents.topic(i + 1), residents.parts().get(i), 1, true);
        }
        for (String list : List.of("quarantine", "blocked", "badges", "policy")) {
            hub.publish(HubLists.ROOT + list + "/1", HubLists.examplePart(list), 1, true);
        }
        ObjectNode manifest = (ObjectNode) HubLists.tree(HubLists.exampleManifest());
        ((ObjectNode) manifest.get("lists")).set("residents", residents.manifestEntry());
        hub.publish(HubLists.MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8), 1, true);
        AtomicReference<JsonNode> heartbeat = new AtomicReference<>();
        hub.subscribe(
                Topics.heartbeat(GATE), 0, (topic, message) -> heartbeat.set(HubLists.tree(message.getPayload())));

        SqliteEntryStore store = closers.later(SqliteEntryStore.open(dir.resolve("gate.db"), GATE, Clock.systemUTC()));
        ListSync lists = closers.later(ListSync.open(dir.resolve("gate.db"), Clock.systemUTC()));
        GateTelemetry telemetry = new GateTelemetry(
                List::of, new StoreHealth(), GateTelemetry.DEFAULT_BUDGET_BYTES, () -> 0L, () -> true, lists::versions);
        MqttUplink uplink = closers.later(new MqttUplink(
                UplinkSettings.of(broker.url(), GATE, "boot-1").withHeartbeatInterval(Duration.ofSeconds(1)),
                store,
                Clock.systemUTC(),
                () -> 1L << 59,
                telemetry,
                lists,
                PurgeHandler.NONE));
        uplink.start();

        Map<String, Long> expected =
                Map.of("residents", 12L, "quarantine", 3L, "blocked", 2L, "badges", 4L, "policy", 5L);
        Await.until("every list applied", WAIT, () -> lists.versions().equals(expected), lists::versions);
        assertEquals(1200, lists.current().residents().size());
        Await.until(
                "a heartbeat naming the versions",
                WAIT,
                () -> heartbeat.get() != null && heartbeat.get().get("lists").isObject(),
                heartbeat::get);
        assertEquals(12, heartbeat.get().get("lists").get("residents").asLong());
        assertEquals(5, heartbeat.get().get("lists").get("policy").asLong());
    }

    @Test
    void aNewVersionPublishedWhileConnectedReplacesTheOldAndAShrunkListsClearedPartIsIgnored() throws Exception {
        MoquetteBroker broker = closers.later(MoquetteBroker.startInMemory());
        MqttClient hub = hub(broker.url());
        HubLists.Version v1 = HubLists.split("residents", 1, Instant.EPOCH, HubLists.residents(600), 32 * 1024);
        for (int i = 0; i < v1.parts().size(); i++) {
            hub.publish(v1.topic(i + 1), v1.parts().get(i), 1, true);
        }
        hub.publish(HubLists.MANIFEST, HubLists.manifest(v1), 1, true);
        SqliteEntryStore store = closers.later(SqliteEntryStore.open(dir.resolve("gate.db"), GATE, Clock.systemUTC()));
        ListSync lists = closers.later(ListSync.open(dir.resolve("gate.db"), Clock.systemUTC()));
        MqttUplink uplink = closers.later(new MqttUplink(
                UplinkSettings.of(broker.url(), GATE, "boot-1"),
                store,
                Clock.systemUTC(),
                () -> 1L << 59,
                GateTelemetry.standalone(),
                lists,
                PurgeHandler.NONE));
        uplink.start();
        Await.until(
                "version 1", WAIT, () -> Long.valueOf(1).equals(lists.versions().get("residents")), lists::versions);

        HubLists.Version v2 = HubLists.split("residents", 2, Instant.EPOCH, HubLists.residents(5), 32 * 1024);
        hub.publish(v2.topic(1), v2.parts().getFirst(), 1, true);
        for (int i = 2; i <= v1.parts().size(); i++) {
            hub.publish(v1.topic(i), new byte[0], 1, true);
        }
        hub.publish(HubLists.MANIFEST, HubLists.manifest(v2), 1, true);

        Await.until(
                "version 2", WAIT, () -> Long.valueOf(2).equals(lists.versions().get("residents")), lists::versions);
        assertEquals(5, lists.current().residents().size());
    }
}
