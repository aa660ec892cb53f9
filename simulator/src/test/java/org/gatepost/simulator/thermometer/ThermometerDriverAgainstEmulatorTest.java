package org.gatepost.simulator.thermometer;

import static org.gatepost.simulator.testing.InMemoryCable.onlyOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.TemperatureReading;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.device.thermometer.ThermometerDriver;
import org.gatepost.agent.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's real driver against the emulator, over an in-memory null-modem pair. */
class ThermometerDriverAgainstEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SILENCE_LIMIT = Duration.ofMillis(300);

    private final MemorySerialLink[] pair = MemorySerialLink.pair("thermometer", 10);
    private final ThermometerEmulator emulator = new ThermometerEmulator(pair[1]).start();
    private final Readings readings = new Readings();
    private final ThermometerDriver driver = new ThermometerDriver(
            "thermometer",
            onlyOnce(pair[0]),
            Clock.systemUTC(),
            readings,
            SILENCE_LIMIT,
            new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100)));

    @AfterEach
    void closeAll() {
        driver.close();
        emulator.close();
    }

    @Test
    void aimedTemperaturesArriveAsReadings() {
        driver.start();

        readings.await(26.0, 25.0, 0, WAIT); // nobody in front: ambient + 1
        emulator.aim(37.8);
        int at = readings.await(37.8, 25.0, 0, WAIT);
        emulator.setAmbient(18.25);
        emulator.clear();
        readings.await(19.25, 18.25, at, WAIT);

        DeviceHealth health = driver.health();
        assertEquals(State.CONNECTED, health.state());
        assertEquals(0, health.badFrames());
        assertTrue(health.frames() >= 3);
    }

    @Test
    void queryModeAsksForEachFrameAndNeverStartsTheStream() throws Exception {
        driver.queryEvery(Duration.ofMillis(150));
        driver.start();
        emulator.aim(36.2);
        readings.await(36.2, 25.0, 0, WAIT);
        long queries = emulator.commandsReceived();
        Await.until("more queries", WAIT, () -> emulator.commandsReceived() >= queries + 3);
        long frames = emulator.framesSent();
        long commands = emulator.commandsReceived();
        assertTrue(frames <= commands, "one frame per query, no stream: frames=" + frames + " queries=" + commands);
        assertEquals(State.CONNECTED, driver.health().state());
    }

    @Test
    void aModuleAtTheWrongBaudGivesNoReadingOnlyErrorsUntilItIsRight() {
        driver.start();
        emulator.aim(36.0);
        readings.await(36.0, 25.0, 0, WAIT);
        emulator.wrongBaud(true);
        long bad = driver.health().badFrames();
        Await.until("garbled frames counted", WAIT, () -> driver.health().badFrames() >= bad + 3);
        int before = readings.size();
        long badNow = driver.health().badFrames();
        Await.until("more garbage", WAIT, () -> driver.health().badFrames() >= badNow + 3);
        assertEquals(before, readings.size(), "no reading is made of garbled bytes");
        emulator.wrongBaud(false);
        readings.await(36.0, 25.0, before, WAIT);
    }

    @Test
    void injectedBadFramesAreCountedAndNeverDelivered() {
        emulator.aim(36.6); // 0E4C / 09C4: no byte looks like a header, so each fault counts exactly once
        driver.start();
        readings.await(36.6, 25.0, 0, WAIT);

        emulator.injectBadChecksum(3);
        Await.until("three bad checksums counted", WAIT, () -> driver.health().badFrames() == 3);
        emulator.injectGarbage(new byte[] {0x01, 0x02, 0x03});
        Await.until("the garbage counted", WAIT, () -> driver.health().badFrames() == 4);
        emulator.injectTruncated();
        Await.until("the truncated frame counted", WAIT, () -> driver.health().badFrames() == 5);
        long framesBefore = driver.health().frames();
        Await.until("frames to keep coming", WAIT, () -> driver.health().frames() >= framesBefore + 3);

        assertEquals(5, driver.health().badFrames());
        for (TemperatureReading r : readings.since(0)) {
            assertEquals(36.6, r.objectC(), 1e-9, "only good frames are delivered");
            assertEquals(25.0, r.ambientC(), 1e-9);
        }
    }

    @Test
    void silenceIsReportedAndAPowerCycledModuleIsAskedAgain() {
        driver.start();
        readings.await(26.0, 25.0, 0, WAIT);

        emulator.silence(true);
        Await.until("SILENT", WAIT, () -> driver.health().state() == State.SILENT);
        emulator.silence(false);
        Await.until("CONNECTED again", WAIT, () -> driver.health().state() == State.CONNECTED);

        long commandsBefore = emulator.commandsReceived();
        emulator.powerCycle();
        emulator.aim(36.9);
        readings.await(36.9, 25.0, 0, WAIT);
        assertTrue(emulator.commandsReceived() > commandsBefore, "the driver re-sent the continuous command");
        assertEquals(State.CONNECTED, driver.health().state());
    }
}
