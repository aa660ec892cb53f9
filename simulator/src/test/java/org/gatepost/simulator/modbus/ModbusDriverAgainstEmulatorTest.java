package org.gatepost.simulator.modbus;

import static org.gatepost.simulator.testing.InMemoryCable.onlyOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.TemperatureReading;
import org.gatepost.agent.device.modbus.ModbusThermometerDriver;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings.Scale;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings.Signedness;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.Closers;
import org.gatepost.simulator.thermometer.Readings;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The agent's real driver against the emulator over an in-memory null-modem pair. */
class ModbusDriverAgainstEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ModbusThermometerSettings MAP = ModbusThermometerSettings.mq485a()
            .withStatus(2, 0x0001)
            .withTiming(Duration.ofMillis(20), Duration.ofMillis(250));

    @AutoClose
    final Closers closers = new Closers();

    private final Readings readings = new Readings();
    private ModbusThermometerEmulator emulator;
    private ModbusThermometerDriver driver;

    @Test
    void aimedTemperaturesArriveAsReadings() {
        connect(MAP);

        readings.await(26.0, 25.0, 0, WAIT); // nobody in front: ambient + 1
        emulator.aim(37.8);
        int at = readings.await(37.8, 25.0, 0, WAIT);
        emulator.setAmbient(18.25);
        emulator.clear();
        readings.await(19.25, 18.25, at, WAIT);

        assertEquals(State.CONNECTED, driver.health().state());
        assertEquals(Map.of(), driver.problemCounts());
    }

    @Test
    void negativeTenthsInSignMagnitudeSurviveTheRoundTrip() {
        connect(MAP.withEncoding(Scale.TENTHS, Signedness.SIGN_MAGNITUDE));

        emulator.setAmbient(-12.5);
        emulator.aim(-3.4);

        readings.await(-3.4, -12.5, 0, WAIT);
    }

    @Test
    void everyInjectedFaultIsCountedOnceByItsReasonAndNeverDelivered() {
        connect(MAP);
        emulator.aim(36.6);
        readings.await(36.6, 25.0, 0, WAIT);

        emulator.injectBadCrc(1);
        awaitCount("bad-crc", 1);
        emulator.injectTruncated(1);
        awaitCount("truncated", 1);
        emulator.dropReplies(1);
        awaitCount("timeout", 1);
        emulator.injectException(0x04, 1);
        awaitCount("exception-04", 1);
        emulator.injectGarbage(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD});
        awaitCount("bad-header", 1);
        emulator.replyAsSlave(7, 1);
        awaitCount("wrong-slave", 1);
        emulator.setSensorError(true);
        awaitCount("sensor-error", 1);
        emulator.setSensorError(false);
        int after = readings.size();
        readings.await(36.6, 25.0, after, WAIT);

        assertEquals(
                Map.of(
                        "bad-crc",
                        1L,
                        "truncated",
                        1L,
                        "timeout",
                        1L,
                        "exception-04",
                        1L,
                        "bad-header",
                        1L,
                        "wrong-slave",
                        1L,
                        "sensor-error",
                        1L),
                driver.problemCounts());
        for (TemperatureReading r : readings.since(0)) {
            assertEquals(36.6, r.objectC(), 1e-9, "only good replies are delivered");
        }
        assertEquals(State.CONNECTED, driver.health().state());
        assertEquals(7, driver.health().badFrames());
    }

    @Test
    void aSilencedSlaveShowsAsSilentAndRecovers() {
        connect(MAP);
        readings.await(26.0, 25.0, 0, WAIT);

        emulator.silence(true);
        Await.until("SILENT", WAIT, () -> driver.health().state() == State.SILENT);
        assertEquals("timeout", driver.health().lastError());
        emulator.silence(false);
        Await.until("CONNECTED again", WAIT, () -> driver.health().state() == State.CONNECTED);
        assertTrue(driver.problemCounts().get("timeout") >= 1);
    }

    @Test
    void aSlaveMovedToAnotherAddressStopsAnsweringTheDriver() {
        connect(MAP);
        readings.await(26.0, 25.0, 0, WAIT);

        emulator.setSlave(5);

        awaitCount("timeout", 2);
        assertEquals(State.SILENT, driver.health().state());
        assertTrue(emulator.requestsReceived() > emulator.repliesSent(), "requests for slave 1 go unanswered");
    }

    private void connect(ModbusThermometerSettings map) {
        MemorySerialLink[] pair = MemorySerialLink.pair("rs485", 10);
        emulator = closers.later(new ModbusThermometerEmulator(onlyOnce(pair[1]), map).start());
        driver = closers.later(new ModbusThermometerDriver(
                "ir-thermometer",
                onlyOnce(pair[0]),
                Clock.systemUTC(),
                readings,
                map,
                new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))));
        driver.start();
    }

    private void awaitCount(String reason, long count) {
        Await.until(
                reason + " counted " + count + " time(s), have " + driver.problemCounts(),
                WAIT,
                () -> driver.problemCounts().getOrDefault(reason, 0L) >= count);
    }
}
