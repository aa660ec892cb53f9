package org.gatepost.agent.device.thermometer;

import static org.gatepost.agent.testing.DeviceChecks.assertCloseIsFinalAndIdempotent;
import static org.gatepost.agent.testing.DeviceChecks.assertOneFrameEachSideOfOneReconnect;
import static org.gatepost.agent.testing.DeviceChecks.throwingOnFirstCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.TemperatureReading;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.DeviceChecks;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.PluggableLinks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThermometerDriverTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SILENCE_LIMIT = Duration.ofMillis(500);
    private static final ReconnectBackoff FAST_BACKOFF =
            new ReconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private final ForwardableClock clock = new ForwardableClock(T0);
    private final PluggableLinks links = new PluggableLinks("thermometer");
    private final BlockingQueue<TemperatureReading> readings = new LinkedBlockingQueue<>();
    private final ThermometerDriver driver =
            new ThermometerDriver("thermometer", links, clock, readings::add, SILENCE_LIMIT, FAST_BACKOFF);

    @AfterEach
    void stopDriver() {
        driver.close();
    }

    @Test
    void sendsTheContinuousOutputCommandOnStart() throws Exception {
        driver.start();
        DeviceEnd device = new DeviceEnd(links.nextDeviceEnd(WAIT));

        assertEquals(GyMcuCommand.CONTINUOUS, device.nextCommand(WAIT));
        DeviceHealth health = driver.health();
        assertEquals(State.CONNECTED, health.state());
        assertEquals("thermometer-a", health.port());
        assertEquals(0, device.malformedCommands());
    }

    @Test
    void deliversEachValidFrameAsAReadingStampedByTheClock() throws Exception {
        DeviceEnd device = startAndAwaitContinuousCommand();

        device.sendFrame(3660, 2510);

        TemperatureReading reading = nextReading();
        assertEquals(36.60, reading.objectC(), 1e-9);
        assertEquals(25.10, reading.ambientC(), 1e-9);
        assertEquals(T0, reading.at());
        Await.until("the frame to be counted", WAIT, () -> driver.health().frames() == 1);
        assertEquals(T0, driver.health().lastFrameAt());
    }

    @Test
    void countsMalformedAndImplausibleFramesWithoutDeliveringThem() throws Exception {
        DeviceEnd device = startAndAwaitContinuousCommand();
        byte[] corrupt = GyMcuCodec.encodeFrame(3660, 2500);
        corrupt[8] ^= (byte) 0xFF;

        device.send(corrupt);
        device.sendFrame(3660, 130_00); // ambient 130 °C: beyond the sensor's calibrated range
        Await.until("two bad frames", WAIT, () -> driver.health().badFrames() == 2);

        DeviceHealth erroring = driver.health();
        assertEquals(State.ERRORING, erroring.state());
        assertEquals("ambient-out-of-range", erroring.lastError());
        assertEquals(0, erroring.frames());
        assertTrue(readings.isEmpty(), "bad frames must not be delivered: " + readings);

        device.sendFrame(3650, 2500);
        assertEquals(36.50, nextReading().objectC(), 1e-9);
        DeviceHealth recovered = driver.health();
        assertEquals(State.CONNECTED, recovered.state());
        assertEquals(1, recovered.frames());
        assertEquals(2, recovered.badFrames());
    }

    @Test
    void reopensTheLinkAfterAnUnplugAndResumesReadings() throws Exception {
        DeviceEnd first = startAndAwaitContinuousCommand();
        first.sendFrame(3600, 2500);
        assertEquals(36.00, nextReading().objectC(), 1e-9);

        DeviceEnd second = new DeviceEnd(DeviceChecks.unplugAndReplug(driver, links, WAIT));

        assertEquals(GyMcuCommand.CONTINUOUS, second.nextCommand(WAIT), "continuous mode is re-requested after reopen");
        second.sendFrame(3700, 2500);
        assertEquals(37.00, nextReading().objectC(), 1e-9);
        assertOneFrameEachSideOfOneReconnect(driver, links);
    }

    @Test
    void retriesOpeningWithBackoffUntilThePortAppears() throws Exception {
        DeviceEnd device = new DeviceEnd(DeviceChecks.startUnpluggedUntilAnOpenFails(driver, links, WAIT));

        assertEquals(GyMcuCommand.CONTINUOUS, device.nextCommand(WAIT));
        assertEquals(State.CONNECTED, driver.health().state());
        assertEquals(0, driver.health().reconnects(), "a first connection is not a reconnect");
    }

    @Test
    void reportsSilentAndResendsTheContinuousCommandWhenNothingArrives() throws Exception {
        DeviceEnd device = startAndAwaitContinuousCommand();
        assertEquals(State.CONNECTED, driver.health().state());

        clock.forward(SILENCE_LIMIT);

        assertEquals(State.SILENT, driver.health().state());
        assertEquals(GyMcuCommand.CONTINUOUS, device.nextCommand(WAIT), "a power-cycled module forgot continuous mode");
        clock.forward(SILENCE_LIMIT);
        assertEquals(GyMcuCommand.CONTINUOUS, device.nextCommand(WAIT), "still silent: asks again one limit later");

        device.sendFrame(3640, 2500);
        nextReading();
        assertEquals(State.CONNECTED, driver.health().state());
    }

    @Test
    void keepsDeliveringWhenTheListenerThrows() throws Exception {
        try (ThermometerDriver flaky = new ThermometerDriver(
                "thermometer-flaky", links, clock, throwingOnFirstCall(readings::add), SILENCE_LIMIT, FAST_BACKOFF)) {
            flaky.start();
            DeviceEnd device = new DeviceEnd(links.nextDeviceEnd(WAIT));
            device.nextCommand(WAIT);

            device.sendFrame(3600, 2500);
            device.sendFrame(3610, 2500);

            assertEquals(36.00, nextReading().objectC(), 1e-9);
            assertEquals(36.10, nextReading().objectC(), 1e-9);
            assertEquals(1, links.opens(), "a listener failure is not a link failure");
        }
    }

    @Test
    void closeStopsTheReaderThreadClosesTheLinkAndIsIdempotent() throws Exception {
        String name = "thermometer-close-" + System.nanoTime();
        ThermometerDriver own = new ThermometerDriver(name, links, clock, readings::add, SILENCE_LIMIT, FAST_BACKOFF);
        own.start();
        MemorySerialLink deviceLink = links.nextDeviceEnd(WAIT);
        new DeviceEnd(deviceLink).nextCommand(WAIT);

        assertCloseIsFinalAndIdempotent(own, name, deviceLink);
        assertEquals(1, links.opens());
    }

    @Test
    void reportsDisconnectedBeforeStart() {
        DeviceHealth health = driver.health();

        assertEquals(State.DISCONNECTED, health.state());
        assertNull(health.lastFrameAt());
        assertEquals("thermometer", health.device());
    }

    private DeviceEnd startAndAwaitContinuousCommand() throws Exception {
        driver.start();
        DeviceEnd device = new DeviceEnd(links.nextDeviceEnd(WAIT));
        assertEquals(GyMcuCommand.CONTINUOUS, device.nextCommand(WAIT));
        return device;
    }

    private TemperatureReading nextReading() throws InterruptedException {
        return DeviceChecks.next(readings, WAIT, "reading");
    }
}
