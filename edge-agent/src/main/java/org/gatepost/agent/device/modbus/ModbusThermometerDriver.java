package org.gatepost.agent.device.modbus;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.HealthTracker;
import org.gatepost.agent.device.SerialDevice;
import org.gatepost.agent.device.TemperatureReading;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Polls one Modbus RTU infrared thermometer (function 03, {@link ModbusThermometerSettings}) and delivers its
 * valid readings. See {@code docs/protocols/modbus-thermometer.md}.
 *
 * <p>{@link #start()} starts one daemon thread ({@code <deviceName>-poller}) that opens the link through the
 * factory and sends the read request every poll interval, never before the line has been silent for the RTU
 * inter-frame silence. A reply whose registers pass the checks becomes a {@link TemperatureReading} (ambient
 * NaN without an ambient register), passed to the listener <em>on the poller thread</em>; the listener must
 * return quickly, and what it throws is logged and ignored.
 *
 * <p>Every problem is counted by reason in {@link #problemCounts()} and in {@link DeviceHealth#badFrames()}, and
 * never delivered: {@code timeout}, {@code truncated}, {@code bad-crc}, line noise ({@code bad-header},
 * {@code bad-byte-count}, {@code bad-exception-code}), a reply from another slave ({@code wrong-slave}, ignored),
 * an exception reply ({@code exception-02}, ...), a status-register error bit ({@code sensor-error}) and values
 * outside the sensor's calibrated range ({@code object-out-of-range}, {@code ambient-out-of-range}). After a
 * failed exchange the line is drained so a late reply cannot answer the next request. When the link throws
 * {@link IOException} it is closed once and reopened with {@link ReconnectBackoff}.
 *
 * <p>Health: DISCONNECTED without a link, SILENT after opening until the first outcome and after a timeout,
 * ERRORING after any other problem, CONNECTED after a reading. Timestamps come from the injected {@link Clock};
 * line timing is monotonic. {@link #health()}, {@link #problemCounts()} and {@link #close()} may be called from
 * any thread.
 */
public final class ModbusThermometerDriver extends SerialDevice {
    /**
     * At most one WARN line per problem reason (and one INFO line about readings flowing again) per this
     * interval; the rest go to DEBUG, problems with a running total.
     */
    public static final Duration WARN_INTERVAL = Duration.ofSeconds(10);
    /** The problem reason of a request that got no reply: SILENT rather than ERRORING. */
    private static final String TIMEOUT = "timeout";

    private static final Logger log = LoggerFactory.getLogger(ModbusThermometerDriver.class);

    private final String device;
    private final Clock clock;
    private final Consumer<TemperatureReading> listener;
    private final ModbusThermometerSettings settings;
    private final Map<String, Instant> lastLoggedAt = new HashMap<>(); // poller thread only

    public ModbusThermometerDriver(
            String deviceName,
            SerialLinkFactory links,
            Clock clock,
            Consumer<TemperatureReading> listener,
            ModbusThermometerSettings settings) {
        this(deviceName, links, clock, listener, settings, ReconnectBackoff.DEFAULT);
    }

    public ModbusThermometerDriver(
            String deviceName,
            SerialLinkFactory links,
            Clock clock,
            Consumer<TemperatureReading> listener,
            ModbusThermometerSettings settings,
            ReconnectBackoff backoff) {
        super(
                deviceName,
                deviceName + "-poller",
                links,
                backoff,
                log,
                HealthTracker.Rules.polled(Set.of(TIMEOUT)),
                clock,
                true);
        this.device = deviceName;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Starts the poller thread and returns at once. @throws IllegalStateException if started or closed before */
    @Override
    public void start() {
        super.start();
        log.info(
                "event=driver-started device={} slave={} request={} silenceUs={}",
                device,
                settings.slave(),
                settings.readRequest(),
                settings.interFrameSilence().toNanos() / 1000);
    }

    /** Problems counted since start, by reason ({@code timeout}, {@code exception-02}, ...); an immutable copy. */
    public SortedMap<String, Long> problemCounts() {
        return health.badFramesByReason();
    }

    @Override
    protected void session(SerialLink link) throws IOException {
        poll(new ModbusChannel(link, settings.interFrameSilence(), this::problem));
    }

    private void poll(ModbusChannel channel) throws IOException {
        ModbusRequest.ReadHoldingRegisters request = settings.readRequest();
        long interval = settings.pollInterval().toNanos();
        long nextPoll = System.nanoTime();
        while (supervisor.running()) {
            if (!pauseUntil(Math.max(nextPoll, channel.quietAt()))) {
                return;
            }
            nextPoll = System.nanoTime() + interval;
            try {
                onReply(channel.exchange(request, settings.responseTimeout()));
            } catch (ModbusReplyException e) {
                int dropped = channel.drain(settings.responseTimeout());
                if (dropped > 0) {
                    log.debug("event=line-drained device={} reason={} bytes={}", device, e.reason(), dropped);
                }
            }
        }
    }

    private void onReply(ModbusResponse reply) {
        switch (reply) {
            case ModbusResponse.Registers registers -> onRegisters(registers);
            case ModbusResponse.ExceptionReply exception -> problem(exception.reason());
            case ModbusResponse.WriteEcho echo -> problem("unexpected-reply"); // not decodable as the reply to a read
        }
    }

    private void onRegisters(ModbusResponse.Registers registers) {
        RegisterReading values = RegisterReading.from(settings, registers);
        Optional<String> problem = values.problem();
        if (problem.isPresent()) {
            log.debug(
                    "event=reading-rejected device={} reason={} objectC={} ambientC={} status={}",
                    device,
                    problem.get(),
                    values.objectC(),
                    values.ambientC(),
                    values.status());
            problem(problem.get());
            return;
        }
        Instant now = clock.instant();
        DeviceHealth.State before = health.goodFrame(now);
        if (before != DeviceHealth.State.CONNECTED) {
            if (due("readings-flowing", now)) {
                log.info("event=readings-flowing device={} port={} after={}", device, health.port(), before.wire());
            } else {
                log.debug("event=readings-flowing device={} port={} after={}", device, health.port(), before.wire());
            }
        }
        try {
            listener.accept(new TemperatureReading(values.objectC(), values.ambientC(), now, System.nanoTime()));
        } catch (RuntimeException e) {
            log.warn("event=listener-failed device={}", device, e);
        }
    }

    /** Counts a problem; WARN for the first of a reason, then at most once per {@link #WARN_INTERVAL}. */
    private void problem(String reason) {
        Instant now = clock.instant();
        long count = health.badFrame(reason, now);
        log.atLevel(due(reason, now) ? Level.WARN : Level.DEBUG)
                .log(
                        "event=device-problem device={} port={} slave={} reason={} total={}",
                        device,
                        health.port(),
                        settings.slave(),
                        reason,
                        count);
    }

    /** Whether a line about {@code event} may go out at its full level now (once per {@link #WARN_INTERVAL}). */
    private boolean due(String event, Instant now) {
        Instant last = lastLoggedAt.get(event);
        if (last != null && now.isBefore(last.plus(WARN_INTERVAL))) {
            return false;
        }
        lastLoggedAt.put(event, now);
        return true;
    }

    /** Waits until {@code nanoTime} reaches {@code due} or the driver is closed; false if closed. */
    private boolean pauseUntil(long due) {
        return supervisor.pause(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
    }
}
