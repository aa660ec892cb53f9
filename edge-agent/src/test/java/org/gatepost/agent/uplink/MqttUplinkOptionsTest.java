package org.gatepost.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.SplittableRandom;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.gatepost.agent.contract.GateStatus;
import org.gatepost.agent.store.SqliteEntryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every connect attempt asks of the broker; no network involved. */
class MqttUplinkOptionsTest {
    private static final String BOOT = "0d5c4a8e-2b7f-4e31-9a6c-5f1e3d2b7c90";

    @TempDir
    Path dir;

    @Test
    void persistentSessionKeepaliveCredentialsAndARetainedLostWill() throws Exception {
        Instant now = Instant.parse("2026-11-28T08:00:00Z");
        UplinkSettings settings =
                UplinkSettings.of("tcp://127.0.0.1:1883", "north-gate", BOOT).withCredentials("north-gate", "s3cret");
        try (SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", Clock.systemUTC());
                MqttUplink uplink = new MqttUplink(settings, store, Clock.systemUTC(), new SplittableRandom(1))) {
            MqttConnectOptions o = uplink.connectOptions(now);

            assertFalse(o.isCleanSession());
            assertFalse(o.isAutomaticReconnect(), "our own loop reconnects, including the first connect");
            assertEquals(20, o.getKeepAliveInterval());
            assertEquals(MqttConnectOptions.MQTT_VERSION_3_1_1, o.getMqttVersion());
            assertTrue(o.getMaxInflight() > settings.maxInFlight(), "Paho's window is larger than ours");
            assertEquals("north-gate", o.getUserName());
            assertArrayEquals("s3cret".toCharArray(), o.getPassword());

            assertEquals("gatepost/v1/gates/north-gate/status", o.getWillDestination());
            assertEquals(1, o.getWillMessage().getQos());
            assertTrue(o.getWillMessage().isRetained());
            ObjectMapper mapper = new ObjectMapper();
            assertEquals(
                    mapper.readTree(GateStatus.LOST.toJson("north-gate", store.epoch(), BOOT, now)),
                    mapper.readTree(o.getWillMessage().getPayload()));
        }
    }
}
