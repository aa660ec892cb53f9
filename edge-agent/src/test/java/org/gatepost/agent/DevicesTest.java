package org.gatepost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.idcard.IdCardPrivacyTest;
import org.gatepost.agent.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devices of a gate whose serial ports do not exist at start, as the heartbeat reports them. */
class DevicesTest {
    static {
        // This class starts the ID card driver: its logger must be created at DEBUG for IdCardPrivacyTest.
        IdCardPrivacyTest.enableDebugLogging();
    }

    @TempDir
    Path dir;

    @Test
    void aDeviceWhosePortIsAbsentAtStartReportsItsConfiguredPortAndIsDisconnected() throws Exception {
        String thermometerPort = dir.resolve("ttyUSB-absent-0").toString();
        String idcardPort = dir.resolve("ttyUSB-absent-1").toString();
        Properties p = new Properties();
        p.setProperty("gate.id", "north-gate");
        p.setProperty("community.secret", "0123456789abcdef");
        p.setProperty("thermometer.port", thermometerPort);
        p.setProperty("idcard.port", idcardPort);
        p.setProperty("console.pin", "2468");
        p.setProperty("store.path", dir.resolve("agent.db").toString());
        AgentConfig config = AgentConfig.parse(p, dir);

        try (Devices devices = new Devices(config, Clock.systemUTC(), null, t -> {}, (r, c) -> {}, c -> {})) {
            assertEquals(thermometerPort, devices.health("thermometer").port(), "named before the first attempt");
            devices.start();
            DeviceHealth thermometer = awaitOpenFailed(devices, "thermometer");
            DeviceHealth idcard = awaitOpenFailed(devices, "idcard");

            assertEquals(thermometerPort, thermometer.port());
            assertEquals(DeviceHealth.State.DISCONNECTED, thermometer.state());
            assertEquals(idcardPort, idcard.port());
            assertEquals(DeviceHealth.State.DISCONNECTED, idcard.state());
            for (Devices.Managed m : devices.all()) {
                assertFalse(m.health().port().isEmpty(), m.name());
            }
        }
    }

    private static DeviceHealth awaitOpenFailed(Devices devices, String name) {
        Await.until(
                name + " open-failed",
                Duration.ofSeconds(10),
                () -> "open-failed".equals(devices.health(name).lastError()),
                () -> devices.health(name));
        return devices.health(name);
    }
}
