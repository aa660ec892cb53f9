package org.gatepost.simulator.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.modbus.ModbusThermometerDriver;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.testing.Await;
import org.gatepost.simulator.pty.SocatPtyPair;
import org.gatepost.simulator.thermometer.Readings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's driver and the emulator on the two ends of a socat pseudo-terminal pair, through jSerialComm: the
 * real serial path. Needs socat ({@code apt-get install socat}); {@link SocatPtyPair#start} fails, not skips,
 * without it.
 */
class ModbusOverPtyTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ModbusThermometerSettings MQ485A =
            ModbusThermometerSettings.mq485a().withTiming(Duration.ofMillis(50), Duration.ofMillis(200));

    @TempDir
    Path dir;

    @Test
    void readingsAndFaultsCrossAPtyAndPollingResumesAfterTheCableIsPulledAndPluggedBack() throws Exception {
        Readings readings = new Readings();
        try (SocatPtyPair pty = SocatPtyPair.start(dir, "modbus");
                ModbusThermometerEmulator emulator =
                        new ModbusThermometerEmulator(pty.deviceLinks(MQ485A.baud()), MQ485A).start();
                ModbusThermometerDriver driver = new ModbusThermometerDriver(
                        "ir-thermometer",
                        pty.agentLinks(MQ485A.baud()),
                        Clock.systemUTC(),
                        readings,
                        MQ485A,
                        new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)))) {
            emulator.aim(36.7);
            driver.start();
            readings.await(36.7, 25.0, 0, WAIT);
            assertEquals(pty.agentEnd().toString(), driver.health().port());

            emulator.injectBadCrc(1);
            Await.until("bad-crc counted", WAIT, () -> driver.problemCounts().containsKey("bad-crc"));
            emulator.injectException(0x02, 1);
            Await.until(
                    "exception-02 counted", WAIT, () -> driver.problemCounts().containsKey("exception-02"));

            pty.unplug();
            Await.until(
                    "the outage to show, health " + driver.health(),
                    WAIT,
                    () -> driver.health().state() == State.DISCONNECTED);
            DeviceHealth outage = driver.health();
            assertTrue(Set.of("link-lost", "open-failed").contains(outage.lastError()), outage.toString());

            pty.restart();
            emulator.aim(38.1);
            int before = readings.size();
            readings.await(38.1, 25.0, before, WAIT);

            DeviceHealth health = driver.health();
            assertEquals(State.CONNECTED, health.state());
            assertTrue(health.reconnects() >= 1, "reconnects: " + health);
            assertTrue(emulator.linksServed() >= 2, "the emulator reopened its end too");
            assertEquals(1L, driver.problemCounts().get("bad-crc"));
            assertEquals(1L, driver.problemCounts().get("exception-02"));
        }
    }
}
