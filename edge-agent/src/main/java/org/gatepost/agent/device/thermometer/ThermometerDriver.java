package org.gatepost.agent.device.thermometer;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.HealthTracker;
import org.gatepost.agent.device.SerialDevice;
import org.gatepost.agent.device.TemperatureReading;
import org.gatepost.agent.device.WarnThrottle;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one GY-MCU90614/90615 thermometer in continuous mode and delivers its valid readings.
 *
 * <p>{@link #start()} starts one daemon reader thread (named {@code <deviceName>-reader}) that opens the link through the factory, sends the
 * continuous-output command and decodes frames. Each valid frame becomes a {@link TemperatureReading}
 * passed to the listener <em>on the reader thread</em>; the listener must return quickly, and an
 * exception it throws is logged and does not stop the driver. Frames that are malformed or outside the
 * sensor's calibrated range are counted in {@link DeviceHealth#badFrames()} and never delivered.
 *
 * <p>Faults heal themselves: when nothing valid arrives for the silence limit the continuous command is
 * sent again (a module that power-cycled forgets it); when the link throws (device unplugged) it is
 * closed and reopened with {@link ReconnectBackoff}, and the command is sent again. Silence is measured
 * on the injected {@link Clock}. See {@code docs/protocols/thermometer-gy-mcu.md}.
 *
 * <p>{@link #health()} and {@link #close()} may be called from any thread.
 */
public final class ThermometerDriver extends SerialDevice {
    /** Nothing valid for this long means SILENT: about seven missed frames at 14 Hz. */
    public static final Duration DEFAULT_SILENCE_LIMIT = Duration.ofMillis(500);
    /** At most one WARN line about malformed frames per this interval; each frame is logged at DEBUG. */
    public static final Duration BAD_FRAME_WARN_INTERVAL = Duration.ofSeconds(10);

    private static final int READ_CHUNK_BYTES = 64;
    private static final int MAX_BUFFERED_BYTES = 64;
    private static final Logger log = LoggerFactory.getLogger(ThermometerDriver.class);

    private final String deviceName;
    private final Clock clock;
    private final Consumer<TemperatureReading> listener;
    private final Duration silenceLimit;
    private final byte[] continuousCommand = GyMcuCodec.command(GyMcuCodec.CMD_CONTINUOUS);
    private final byte[] queryCommand = GyMcuCodec.command(GyMcuCodec.CMD_QUERY);
    /** Null: continuous mode (the module streams); otherwise query mode, one query per interval. */
    private volatile Duration queryInterval;

    private final WarnThrottle badFrameWarnings = new WarnThrottle(BAD_FRAME_WARN_INTERVAL); // reader thread only

    public ThermometerDriver(
            String deviceName,
            SerialLinkFactory links,
            Clock clock,
            Consumer<TemperatureReading> listener,
            Duration silenceLimit) {
        this(deviceName, links, clock, listener, silenceLimit, ReconnectBackoff.DEFAULT);
    }

    public ThermometerDriver(
            String deviceName,
            SerialLinkFactory links,
            Clock clock,
            Consumer<TemperatureReading> listener,
            Duration silenceLimit,
            ReconnectBackoff backoff) {
        super(deviceName, links, backoff, log, HealthTracker.Rules.streaming(silenceLimit), clock);
        this.deviceName = deviceName;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.silenceLimit = silenceLimit;
        if (silenceLimit.isNegative() || silenceLimit.isZero()) {
            throw new IllegalArgumentException("silenceLimit must be positive: " + silenceLimit);
        }
    }

    /**
     * Query mode instead of continuous streaming: one query ({@code A5 15 BA}) every {@code interval}; the module
     * wants fewer than 10 a second. For boards whose continuous mode is unreliable, or to share a line. Call before
     * {@link #start()}.
     */
    public ThermometerDriver queryEvery(Duration interval) {
        if (interval.compareTo(MIN_QUERY_INTERVAL) < 0) {
            throw new IllegalArgumentException(
                    "query interval must be at least " + MIN_QUERY_INTERVAL + ": " + interval);
        }
        this.queryInterval = interval;
        return this;
    }

    /** The module's listing asks for queries below 10 Hz. */
    public static final Duration MIN_QUERY_INTERVAL = Duration.ofMillis(100);

    /** Starts the reader thread and returns at once. May be called once; not after {@link #close()}. */
    @Override
    public void start() {
        super.start();
        log.info("event=driver-started device={}", deviceName);
    }

    @Override
    protected void session(SerialLink link) throws IOException {
        FrameReader<TemperatureFrame> reader = new FrameReader<>(GyMcuCodec.frameDecoder(), MAX_BUFFERED_BYTES);
        byte[] chunk = new byte[READ_CHUNK_BYTES];
        Duration query = queryInterval;
        Instant lastCommandAt = clock.instant(); // stamped before the write, so it never postdates what the device saw
        link.write(query == null ? continuousCommand : queryCommand);
        boolean silenceReported = false;
        while (supervisor.running()) {
            int n = link.read(chunk, 0, chunk.length);
            if (n > 0) {
                reader.feed(chunk, 0, n, this::onFrame, this::onMalformed);
            }
            Instant now = clock.instant();
            if (query != null) {
                if (!now.isBefore(lastCommandAt.plus(query))) {
                    link.write(queryCommand);
                    lastCommandAt = now;
                }
            } else if (!health.silent(now)) {
                silenceReported = false;
            } else if (!now.isBefore(lastCommandAt.plus(silenceLimit))) {
                if (!silenceReported) {
                    log.warn(
                            "event=silent device={} port={} silenceMs={} action=resend-continuous",
                            deviceName,
                            link.name(),
                            silenceLimit.toMillis());
                    silenceReported = true;
                }
                link.write(continuousCommand);
                lastCommandAt = now;
            }
        }
    }

    private void onFrame(TemperatureFrame frame) {
        Instant now = clock.instant();
        Optional<String> problem = frame.rangeProblem();
        if (problem.isPresent()) {
            log.debug(
                    "event=implausible-frame device={} objectCentiC={} ambientCentiC={}",
                    deviceName,
                    frame.objectCentiC(),
                    frame.ambientCentiC());
            badFrame(problem.get(), now, badFrameWarnings);
            return;
        }
        health.goodFrame(now);
        TemperatureReading reading = new TemperatureReading(frame.objectC(), frame.ambientC(), now, System.nanoTime());
        try {
            listener.accept(reading);
        } catch (RuntimeException e) {
            log.warn("event=listener-failed device={}", deviceName, e);
        }
    }

    private void onMalformed(String reason) {
        badFrame(reason, clock.instant(), badFrameWarnings);
    }
}
