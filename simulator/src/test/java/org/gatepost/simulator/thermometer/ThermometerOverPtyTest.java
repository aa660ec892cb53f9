package org.gatepost.simulator.thermometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.device.thermometer.ThermometerDriver;
import org.gatepost.agent.testing.Await;
import org.gatepost.simulator.pty.SocatPtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's driver and the emulator on real pseudo-terminals (socat), through jSerialComm, as the demo
 * runs them. Needs {@code socat}: without it {@link SocatPtyPair#start} fails saying what to install.
 */
class ThermometerOverPtyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int BAUD = 9600;

    @TempDir
    Path dir;

    @Test
    void readingsFlowOverAPtyAndResumeAfterTheCableIsPulledAndReplugged() throws Exception {
        Readings readings = new Readings();
        try (SocatPtyPair pty = SocatPtyPair.start(dir, "thermo");
                ThermometerDriver driver = new ThermometerDriver(
                        "thermometer",
                        pty.agentLinks(BAUD),
                        Clock.systemUTC(),
                        readings,
                        ThermometerDriver.DEFAULT_SILENCE_LIMIT,
                        new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)))) {
            ThermometerEmulator first = emulatorOn(pty);
            try {
                first.aim(36.7);
                driver.start();
                readings.await(36.7, 25.0, 0, WAIT);
                first.injectBadChecksum(2);
                Await.until(
                        "two bad frames counted", WAIT, () -> driver.health().badFrames() == 2);

                pty.restart();
                Await.until("the emulator to see its link die", WAIT, () -> !first.isRunning());
            } finally {
                first.close();
            }

            try (ThermometerEmulator second = emulatorOn(pty)) {
                second.aim(38.1);
                int before = readings.size();
                readings.await(38.1, 25.0, before, WAIT);
            }
            DeviceHealth health = driver.health();
            assertTrue(health.reconnects() >= 1, "reconnects: " + health);
            assertEquals(2, health.badFrames());
            assertTrue(health.port().endsWith("thermo-agent"), health.port());
        }
    }

    private static ThermometerEmulator emulatorOn(SocatPtyPair pty) throws Exception {
        return new ThermometerEmulator(pty.deviceLinks(BAUD).open()).start();
    }
}
