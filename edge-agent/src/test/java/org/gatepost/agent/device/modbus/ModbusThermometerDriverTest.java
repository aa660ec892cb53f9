package org.gatepost.agent.device.modbus;

import static org.gatepost.agent.testing.Bytes.concat;
import static org.gatepost.agent.testing.Bytes.hex;
import static org.gatepost.agent.testing.DeviceChecks.assertOneFrameEachSideOfOneReconnect;
import static org.gatepost.agent.testing.DeviceChecks.throwingOnFirstCall;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.TemperatureReading;
import org.gatepost.agent.device.modbus.ModbusRequest.ReadHoldingRegisters;
import org.gatepost.agent.device.modbus.ModbusResponse.ExceptionReply;
import org.gatepost.agent.device.modbus.ModbusResponse.Registers;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings.Scale;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings.Signedness;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.Bytes;
import org.gatepost.agent.testing.DeviceChecks;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.PluggableLinks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver against a slave scripted byte by byte over an in-memory link. */
class ModbusThermometerDriverTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final ReconnectBackoff FAST_BACKOFF =
            new ReconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
    /** The test answers every request by hand, so the driver may wait long for a reply. */
    private static final ModbusThermometerSettings MQ485A =
            ModbusThermometerSettings.mq485a().withTiming(Duration.ofMillis(5), Duration.ofSeconds(3));

    private static final ModbusThermometerSettings QUICK_TIMEOUT =
            MQ485A.withTiming(Duration.ofMillis(5), Duration.ofMillis(250));
    private static final byte[] MQ485A_REQUEST = hex("01 03 00 00 00 08 44 0C");
    private static final byte[] MQ485A_RESPONSE = hex("01 03 10 0A 13 0B FB 00 00 00 00 00 00 00 00 00 00 00 00 61 42");

    private final ForwardableClock clock = new ForwardableClock(T0);
    private final PluggableLinks links = new PluggableLinks("rs485");
    private final BlockingQueue<TemperatureReading> readings = new LinkedBlockingQueue<>();
    private final List<ModbusThermometerDriver> drivers = new ArrayList<>();

    @AfterEach
    void closeDrivers() {
        drivers.forEach(ModbusThermometerDriver::close);
    }

    @Test
    void pollsWithTheMq485aRequestAndDeliversItsReplyAsAReading() throws Exception {
        ModbusThermometerDriver driver = start(MQ485A);
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));

        ScriptedSlave.Received first = slave.next(WAIT);
        assertArrayEquals(MQ485A_REQUEST, ModbusRtuCodec.encode(first.request()));
        slave.send(MQ485A_RESPONSE);

        TemperatureReading reading = nextReading();
        assertEquals(25.79, reading.objectC(), 1e-9);
        assertEquals(30.67, reading.ambientC(), 1e-9);
        assertEquals(T0, reading.at());
        assertEquals(new ReadHoldingRegisters(1, 0, 8), slave.nextRequest(WAIT), "polling goes on");
        DeviceHealth health = driver.health();
        assertEquals(State.CONNECTED, health.state());
        assertEquals(1, health.frames());
        assertEquals(0, health.badFrames());
        assertEquals("rs485-a", health.port());
        assertEquals(T0, health.lastFrameAt());
        assertEquals(0, slave.malformedRequests());
    }

    @Test
    void countsAnExceptionReplyByItsCodeAndDeliversNothing() throws Exception {
        ModbusThermometerDriver driver = start(MQ485A);
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));

        slave.nextRequest(WAIT);
        slave.send(hex("01 83 02 C0 F1"));
        slave.nextRequest(WAIT);

        assertEquals(Map.of("exception-02", 1L), driver.problemCounts());
        assertEquals(State.ERRORING, driver.health().state());
        assertEquals("exception-02", driver.health().lastError());
        assertTrue(readings.isEmpty());
        slave.reply(new ExceptionReply(1, 3, 4));
        slave.nextRequest(WAIT);
        assertEquals(1L, driver.problemCounts().get("exception-04"));

        slave.send(MQ485A_RESPONSE);
        nextReading();
        assertEquals(State.CONNECTED, driver.health().state());
        assertEquals(2, driver.health().badFrames());
    }

    @Test
    void countsATimeoutAndReportsSilentWhenTheSlaveDoesNotAnswer() throws Exception {
        ModbusThermometerDriver driver = start(QUICK_TIMEOUT);
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));

        slave.nextRequest(WAIT);
        slave.nextRequest(WAIT); // unanswered: the driver timed out and asked again

        assertEquals(Map.of("timeout", 1L), driver.problemCounts());
        assertEquals(State.SILENT, driver.health().state());
        slave.send(MQ485A_RESPONSE);
        assertEquals(25.79, nextReading().objectC(), 1e-9);
        assertEquals(State.CONNECTED, driver.health().state());
    }

    @Test
    void countsABadCrcAndDeliversNothing() throws Exception {
        ModbusThermometerDriver driver = start(MQ485A);
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));
        byte[] corrupt = MQ485A_RESPONSE.clone();
        corrupt[4] ^= 0x01; // TO 25.79 -> 25.78: only the CRC can tell

        slave.nextRequest(WAIT);
        slave.send(corrupt);
        slave.nextRequest(WAIT);

        assertEquals(Map.of("bad-crc", 1L), driver.problemCounts());
        assertEquals(State.ERRORING, driver.health().state());
        assertTrue(readings.isEmpty(), "a reply failing its CRC is never delivered: " + readings);
    }

    @Test
    void countsATruncatedReplyOnceAndThenReadsAgain() throws Exception {
        ModbusThermometerDriver driver = start(QUICK_TIMEOUT);
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));

        slave.nextRequest(WAIT);
        slave.send(Arrays.copyOf(MQ485A_RESPONSE, 10));
        slave.nextRequest(WAIT);

        assertEquals(Map.of("truncated", 1L), driver.problemCounts());
        slave.send(MQ485A_RESPONSE);
        assertEquals(25.79, nextReading().objectC(), 1e-9);
    }

    @Test
    void ignoresAndCountsRepliesFromAnotherSlave() throws Exception {
        ModbusThermometerDriver driver = start(QUICK_TIMEOUT);
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));
        byte[] fromSlave2 = ModbusRtuCodec.encode(new Registers(2, List.of(0x0E4C, 0x09C4, 0, 0, 0, 0, 0, 0)));

        slave.nextRequest(WAIT);
        slave.send(concat(fromSlave2, MQ485A_RESPONSE));
        assertEquals(25.79, nextReading().objectC(), 1e-9, "the addressed slave's reply still counts");
        slave.nextRequest(WAIT);
        slave.send(fromSlave2);
        slave.nextRequest(WAIT);

        assertEquals(Map.of("wrong-slave", 2L), driver.problemCounts(), "no timeout counted on top");
        assertTrue(readings.isEmpty(), "36.60 from slave 2 must not be delivered: " + readings);
        assertEquals("wrong-slave", driver.health().lastError());
    }

    @Test
    void findsTheReplyBehindLineNoiseAndCountsTheNoise() throws Exception {
        ModbusThermometerDriver driver = start(MQ485A);
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));

        slave.nextRequest(WAIT);
        slave.send(concat(Bytes.of(0xFF, 0xFE, 0xFD), MQ485A_RESPONSE));

        assertEquals(25.79, nextReading().objectC(), 1e-9);
        assertEquals(Map.of("bad-header", 1L), driver.problemCounts());
    }

    @Test
    void withholdsAReadingWhoseStatusRegisterHasAnErrorBitSet() throws Exception {
        ModbusThermometerSettings withStatus = MQ485A.withStatus(2, 0x0001); // reg2 bit 0: measurement error
        ModbusThermometerDriver driver = start(withStatus);
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));

        slave.nextRequest(WAIT);
        slave.reply(new Registers(1, List.of(0x0E4C, 0x09C4, 0x0001, 0, 0, 0, 0, 0)));
        slave.nextRequest(WAIT);
        assertEquals(Map.of("sensor-error", 1L), driver.problemCounts());
        assertEquals(State.ERRORING, driver.health().state());

        slave.reply(new Registers(1, List.of(0x0E4C, 0x09C4, 0x0002, 0, 0, 0, 0, 0))); // a bit outside the mask
        TemperatureReading reading = nextReading();
        assertEquals(36.60, reading.objectC(), 1e-9);
        assertEquals(25.00, reading.ambientC(), 1e-9);
    }

    @Test
    void decodesTenthsInSignMagnitude() throws Exception {
        TemperatureReading reading =
                firstReading(MQ485A.withEncoding(Scale.TENTHS, Signedness.SIGN_MAGNITUDE), 0x016F, 0x8019);

        assertEquals(36.7, reading.objectC(), 1e-9);
        assertEquals(-2.5, reading.ambientC(), 1e-9);
    }

    @Test
    void decodesHundredthsInTwosComplement() throws Exception {
        TemperatureReading reading = firstReading(MQ485A, 0x0E4C, 0xFB2E);

        assertEquals(36.60, reading.objectC(), 1e-9);
        assertEquals(-12.34, reading.ambientC(), 1e-9);
    }

    @Test
    void readsTheCalexMapWithoutAmbientAsNaN() throws Exception {
        ModbusThermometerDriver driver =
                start(ModbusThermometerSettings.calexPyroUsb().withTiming(Duration.ofMillis(5), Duration.ofSeconds(3)));
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));

        assertEquals(new ReadHoldingRegisters(1, 0x12, 4), slave.nextRequest(WAIT));
        slave.reply(
                new Registers(1, List.of(367, 366, 0, 0))); // 0x12 filtered 36.7, 0x13 unfiltered, 0x15 status clear

        TemperatureReading reading = nextReading();
        assertEquals(36.7, reading.objectC(), 1e-9);
        assertTrue(Double.isNaN(reading.ambientC()));
        slave.nextRequest(WAIT);
        slave.reply(new Registers(1, List.of(367, 366, 0, 0x0010))); // bit 4: target too hot
        slave.nextRequest(WAIT);
        assertEquals(Map.of("sensor-error", 1L), driver.problemCounts());
    }

    @Test
    void rejectsValuesOutsideTheSensorsCalibratedRanges() throws Exception {
        ModbusThermometerDriver driver = start(MQ485A.withEncoding(Scale.TENTHS, Signedness.TWOS_COMPLEMENT));
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));

        slave.nextRequest(WAIT);
        slave.reply(new Registers(1, List.of(3801, 250, 0, 0, 0, 0, 0, 0))); // object 380.1 °C
        slave.nextRequest(WAIT);
        slave.reply(new Registers(1, List.of(367, 1251, 0, 0, 0, 0, 0, 0))); // ambient 125.1 °C
        slave.nextRequest(WAIT);

        assertEquals(Map.of("object-out-of-range", 1L, "ambient-out-of-range", 1L), driver.problemCounts());
        assertTrue(readings.isEmpty());
    }

    @Test
    void keepsTheInterFrameSilenceBetweenAReplyAndTheNextRequest() throws Exception {
        // 1200 baud: 3.5 characters of 11 bits = 32.08 ms, far longer than the 1 ms poll interval
        ModbusThermometerSettings slow = MQ485A.withBaud(1200).withTiming(Duration.ofMillis(1), Duration.ofSeconds(3));
        long silenceNanos = slow.interFrameSilence().toNanos();
        start(slow);
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));
        slave.nextRequest(WAIT);

        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slave.send(MQ485A_RESPONSE);
            long repliedAt = slave.lastSentNanos();
            ScriptedSlave.Received next = slave.next(WAIT);
            gaps.add(next.atNanos() - repliedAt);
        }

        assertEquals(5, readings.size());
        for (long gap : gaps) {
            assertTrue(
                    gap >= silenceNanos,
                    "request came " + gap / 1000 + " us after the reply; silence is " + silenceNanos / 1000 + " us: "
                            + gaps);
        }
    }

    @Test
    void reopensTheLinkAfterAnUnplugAndResumesPolling() throws Exception {
        ModbusThermometerDriver driver = start(MQ485A);
        ScriptedSlave first = new ScriptedSlave(links.nextDeviceEnd(WAIT));
        first.nextRequest(WAIT);
        first.send(MQ485A_RESPONSE);
        nextReading();

        links.unplug();
        Await.until("DISCONNECTED", WAIT, () -> driver.health().state() == State.DISCONNECTED);
        DeviceChecks.awaitOpenFailed(driver, WAIT);
        links.plugIn();
        ScriptedSlave second = new ScriptedSlave(links.nextDeviceEnd(WAIT));

        assertEquals(new ReadHoldingRegisters(1, 0, 8), second.nextRequest(WAIT));
        second.send(MQ485A_RESPONSE);
        nextReading();
        assertOneFrameEachSideOfOneReconnect(driver, links);
    }

    @Test
    void keepsPollingWhenTheListenerThrows() throws Exception {
        start(MQ485A, throwingOnFirstCall(readings::add));
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));

        for (int i = 0; i < 2; i++) {
            slave.nextRequest(WAIT);
            slave.send(MQ485A_RESPONSE);
            nextReading();
        }
        assertEquals(1, links.opens(), "a listener failure is not a link failure");
    }

    @Test
    void closeStopsThePollerClosesTheLinkAndIsIdempotent() throws Exception {
        String name = "modbus-close-" + System.nanoTime();
        ModbusThermometerDriver driver =
                new ModbusThermometerDriver(name, links, clock, readings::add, MQ485A, FAST_BACKOFF);
        driver.start();
        var deviceEnd = links.nextDeviceEnd(WAIT);
        new ScriptedSlave(deviceEnd).nextRequest(WAIT);

        driver.close();
        driver.close();

        assertThrows(IOException.class, () -> deviceEnd.read(new byte[1], 0, 1), "the host end was closed");
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals(name + "-poller")));
        assertEquals(State.DISCONNECTED, driver.health().state());
        assertThrows(IllegalStateException.class, driver::start);
    }

    @Test
    void reportsDisconnectedBeforeStart() {
        ModbusThermometerDriver driver = new ModbusThermometerDriver("ir", links, clock, readings::add, MQ485A);
        drivers.add(driver);

        assertEquals(State.DISCONNECTED, driver.health().state());
        assertNull(driver.health().lastFrameAt());
        assertEquals(Map.of(), driver.problemCounts());
    }

    /** Starts a driver with {@code settings} and answers its first poll with these object and ambient registers. */
    private TemperatureReading firstReading(ModbusThermometerSettings settings, int object, int ambient)
            throws Exception {
        start(settings);
        ScriptedSlave slave = new ScriptedSlave(links.nextDeviceEnd(WAIT));
        slave.nextRequest(WAIT);
        slave.reply(new Registers(1, List.of(object, ambient, 0, 0, 0, 0, 0, 0)));
        return nextReading();
    }

    private ModbusThermometerDriver start(ModbusThermometerSettings settings) {
        return start(settings, readings::add);
    }

    private ModbusThermometerDriver start(ModbusThermometerSettings settings, Consumer<TemperatureReading> listener) {
        ModbusThermometerDriver driver =
                new ModbusThermometerDriver("ir-thermometer", links, clock, listener, settings, FAST_BACKOFF);
        drivers.add(driver);
        driver.start();
        return driver;
    }

    private TemperatureReading nextReading() throws InterruptedException {
        return DeviceChecks.next(readings, WAIT, "reading");
    }
}
