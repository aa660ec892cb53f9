package org.gatepost.agent.device.modbus;

import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.agent.device.thermometer.ReconnectBackoff;
import org.gatepost.agent.device.thermometer.TemperatureReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
public final class ModbusThermometerDriver implements Closeable {
    /**
     * At most one WARN line per problem reason (and one INFO line about readings flowing again) per this
     * interval; the rest go to DEBUG, problems with a running total.
     */
    public static final Duration WARN_INTERVAL = Duration.ofSeconds(10);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ModbusThermometerDriver.class);

    private final String device;
    private final SerialLinkFactory links;
    private final Clock clock;
    private final Consumer<TemperatureReading> listener;
    private final ModbusThermometerSettings settings;
    private final ReconnectBackoff backoff;
    private final PollHealth health;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Object lock = new Object();
    private final Map<String, Instant> lastLoggedAt = new HashMap<>(); // poller thread only
    private Thread thread;
    private SerialLink current;
    private boolean closed;

    public ModbusThermometerDriver(String deviceName, SerialLinkFactory links, Clock clock,
                                   Consumer<TemperatureReading> listener, ModbusThermometerSettings settings) {
        this(deviceName, links, clock, listener, settings, ReconnectBackoff.DEFAULT);
    }

    public ModbusThermometerDriver(String deviceName, SerialLinkFactory links, Clock clock,
                                   Consumer<TemperatureReading> listener, ModbusThermometerSettings settings,
                                   ReconnectBackoff backoff) {
        this.device = Objects.requireNonNull(deviceName, "deviceName");
        this.links = Objects.requireNonNull(links, "links");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.health = new PollHealth(deviceName);
    }

    /** Starts the poller thread and returns at once. @throws IllegalStateException if started or closed before */
    public void start() {
        synchronized (lock) {
            if (closed || thread != null) throw new IllegalStateException("driver already started or closed: " + device);
            thread = Thread.ofPlatform().daemon().name(device + "-poller").unstarted(this::run);
            thread.start();
        }
        log.info("event=driver-started device={} slave={} request={} silenceUs={}", device, settings.slave(),
            settings.readRequest(), settings.interFrameSilence().toNanos() / 1000);
    }

    /** A snapshot of the device's health; never blocks on I/O. */
    public DeviceHealth health() {
        return health.snapshot();
    }

    /** Problems counted since start, by reason ({@code timeout}, {@code exception-02}, ...); an immutable copy. */
    public SortedMap<String, Long> problemCounts() {
        return health.problemCounts();
    }

    /** Stops polling, closes the link and waits up to two seconds for the thread. Idempotent; any thread. */
    @Override
    public void close() {
        Thread t;
        SerialLink link;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            t = thread;
            link = current;
        }
        stop.countDown();
        if (link != null) link.close();
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                if (!t.join(JOIN_TIMEOUT)) log.warn("event=driver-stop-timeout device={} waitedMs={}", device, JOIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        health.disconnected("closed");
        log.info("event=driver-stopped device={}", device);
    }

    private boolean running() {
        return stop.getCount() > 0;
    }

    private void run() {
        int failures = 0;
        boolean everConnected = false;
        while (running()) {
            SerialLink link;
            try {
                link = links.open();
            } catch (IOException | RuntimeException e) {
                health.disconnected("open-failed");
                Duration delay = backoff.delay(failures);
                if (failures == 0) {
                    log.warn("event=open-failed device={} error=\"{}\" retryMs={}", device, e.getMessage(), delay.toMillis());
                } else {
                    log.debug("event=open-failed device={} attempt={} error=\"{}\" retryMs={}",
                        device, failures + 1, e.getMessage(), delay.toMillis());
                }
                failures++;
                if (!pause(delay)) break;
                continue;
            }
            synchronized (lock) {
                if (closed) {
                    link.close();
                    break;
                }
                current = link;
            }
            health.connected(link.name(), everConnected);
            log.info("event=connected device={} port={} reconnect={}", device, link.name(), everConnected);
            everConnected = true;
            long readingsBefore = health.snapshot().frames();
            IOException lost = null;
            try {
                poll(new ModbusChannel(link, settings.interFrameSilence(), this::problem));
            } catch (IOException e) {
                lost = e;
            } catch (RuntimeException e) {
                log.error("event=driver-failed device={} port={}", device, link.name(), e);
                health.disconnected("internal-error");
            } finally {
                synchronized (lock) {
                    current = null;
                }
                link.close();
            }
            if (health.snapshot().frames() > readingsBefore) failures = 0;
            Duration delay = backoff.delay(failures++);
            if (lost != null && running()) linkLost(link, lost, delay);
            if (running() && !pause(delay)) break;
        }
    }

    private void poll(ModbusChannel channel) throws IOException {
        ModbusRequest.ReadHoldingRegisters request = settings.readRequest();
        long interval = settings.pollInterval().toNanos();
        long nextPoll = System.nanoTime();
        while (running()) {
            if (!pauseUntil(Math.max(nextPoll, channel.quietAt()))) return;
            nextPoll = System.nanoTime() + interval;
            try {
                onReply(channel.exchange(request, settings.responseTimeout()));
            } catch (ModbusReplyException e) {
                int dropped = channel.drain(settings.responseTimeout());
                if (dropped > 0) log.debug("event=line-drained device={} reason={} bytes={}", device, e.reason(), dropped);
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
            log.debug("event=reading-rejected device={} reason={} objectC={} ambientC={} status={}",
                device, problem.get(), values.objectC(), values.ambientC(), values.status());
            problem(problem.get());
            return;
        }
        Instant now = clock.instant();
        DeviceHealth.State before = health.reading(now);
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
        long count = health.problem(reason);
        if (due(reason, clock.instant())) {
            log.warn("event=device-problem device={} port={} slave={} reason={} total={}",
                device, health.port(), settings.slave(), reason, count);
        } else {
            log.debug("event=device-problem device={} port={} slave={} reason={} total={}",
                device, health.port(), settings.slave(), reason, count);
        }
    }

    /** Whether a line about {@code event} may go out at its full level now (once per {@link #WARN_INTERVAL}). */
    private boolean due(String event, Instant now) {
        Instant last = lastLoggedAt.get(event);
        if (last != null && now.isBefore(last.plus(WARN_INTERVAL))) return false;
        lastLoggedAt.put(event, now);
        return true;
    }

    private void linkLost(SerialLink link, IOException e, Duration retry) {
        health.disconnected("link-lost");
        log.warn("event=link-lost device={} port={} error=\"{}\" retryMs={}",
            device, link.name(), e.getMessage(), retry.toMillis());
    }

    /** Waits until {@code nanoTime} reaches {@code due} or the driver is closed; false if closed. */
    private boolean pauseUntil(long due) {
        return pause(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
    }

    private boolean pause(Duration d) {
        try {
            return !stop.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return running(); // close() interrupts after counting down; a stray interrupt is not a stop
        }
    }
}
