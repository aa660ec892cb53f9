package org.gatepost.agent.device.wiegand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.Device;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.HealthTracker;
import org.gatepost.agent.device.WarnThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Wiegand 26/34 card reader on two lines: feeds the {@link WiegandLines}' pulses to a {@link WiegandDecoder},
 * ends frames after the inactivity timeout and delivers each good frame as a {@link CredentialRead} of kind
 * {@code wiegand}. The number is {@code "<facility>:<card>"} for W26 and the 32 data bits in decimal for W34
 * (see {@link WiegandFrame#credentialNumber()}); {@code at} comes from the injected {@link Clock}. Bad frames are
 * counted by reason, never delivered. See {@code docs/protocols/wiegand.md}.
 *
 * <p>{@link #start()} listens to the lines and starts one daemon timer thread ({@code <deviceName>-wiegand}) that
 * calls {@link #tick(long)} with {@link System#nanoTime()} every tick interval. {@link #startWithoutTimer()}
 * only listens: the caller drives {@link #tick(long)} itself (tests, with edge times they chose).
 * The listener runs on the thread that calls {@code tick}, one frame at a time; it must return quickly, and an
 * exception it throws is logged and does not stop the reader.
 *
 * <p>Edges may arrive on any thread. {@link #health()}, {@link #badFramesByReason()} and {@link #close()} may be
 * called from any thread. Never logs a card number.
 */
public final class WiegandReader implements Device {
    /** After a bad frame the state stays ERRORING this long unless a good frame comes first. */
    public static final Duration ERROR_HOLD = Duration.ofSeconds(10);
    /** At most one WARN line about bad frames per this interval; each bad frame is logged at DEBUG. */
    public static final Duration BAD_FRAME_WARN_INTERVAL = Duration.ofSeconds(10);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(WiegandReader.class);

    private final String deviceName;
    private final WiegandLines lines;
    private final Clock clock;
    private final Consumer<CredentialRead> listener;
    private final WiegandSettings settings;
    private final HealthTracker health;
    private final Object edgeLock = new Object();
    // guarded by edgeLock
    private final WiegandDecoder decoder;
    private final ArrayDeque<WiegandResult> endedByEdge = new ArrayDeque<>();
    private final Object tickLock = new Object();
    // guarded by tickLock
    private final WarnThrottle badFrameWarnings = new WarnThrottle(BAD_FRAME_WARN_INTERVAL);
    // guarded by this
    private boolean started;
    private boolean closed;
    private ScheduledExecutorService timer;
    private volatile Thread timerThread;

    public WiegandReader(
            String deviceName,
            WiegandLines lines,
            Clock clock,
            Consumer<CredentialRead> listener,
            WiegandSettings settings) {
        this.deviceName = Objects.requireNonNull(deviceName, "deviceName");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.decoder = new WiegandDecoder(settings.frameTimeout());
        // No link to lose and idle by design: DISCONNECTED only before start and after close.
        this.health = new HealthTracker(deviceName, lines.name(), HealthTracker.Rules.quiet(ERROR_HOLD), clock);
        health.disconnected("not-started");
    }

    /** Listens to the lines and starts the timer thread; returns at once. Once only, not after {@link #close()}. */
    @Override
    public synchronized void start() {
        startWithoutTimer();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t =
                    Thread.ofPlatform().daemon().name(deviceName + "-wiegand").unstarted(r);
            timerThread = t;
            return t;
        });
        long every = settings.tickInterval().toNanos();
        timer.scheduleWithFixedDelay(this::timerTick, every, every, TimeUnit.NANOSECONDS);
    }

    /** Listens to the lines without a timer: frames end only when the caller calls {@link #tick(long)}. */
    public synchronized void startWithoutTimer() {
        if (started || closed) {
            throw new IllegalStateException("reader already started or closed: " + deviceName);
        }
        started = true;
        lines.listen(new Edges());
        health.listening();
        log.info(
                "event=driver-started device={} lines={} frameTimeoutMs={}",
                deviceName,
                lines.name(),
                settings.frameTimeout().toMillis());
    }

    /**
     * Ends the frame in progress if it has been silent for the frame timeout at {@code nanosNow} (same time base
     * as the lines' edge stamps, {@link System#nanoTime()} for real lines), and delivers the frames that ended.
     */
    public void tick(long nanosNow) {
        synchronized (tickLock) {
            List<WiegandResult> ended = new ArrayList<>(2);
            synchronized (edgeLock) {
                ended.addAll(endedByEdge);
                endedByEdge.clear();
                decoder.poll(nanosNow).ifPresent(ended::add);
            }
            for (WiegandResult result : ended) {
                handle(result);
            }
        }
    }

    /** A snapshot of the reader's health now; never blocks on I/O. */
    @Override
    public DeviceHealth health() {
        return health.snapshot();
    }

    @Override
    public String name() {
        return deviceName;
    }

    /** Bad frames since start by {@link WiegandRejection} reason; reasons never seen are absent. */
    public Map<String, Long> badFramesByReason() {
        return health.badFramesByReason();
    }

    /**
     * Stops listening, closes the lines and stops the timer (waiting up to two seconds). A frame in progress is
     * dropped. Idempotent; safe from any thread, including the listener.
     */
    @Override
    public void close() {
        ScheduledExecutorService t;
        boolean wasStarted;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = timer;
            wasStarted = started;
        }
        lines.close();
        if (t != null) {
            t.shutdownNow();
            if (Thread.currentThread() != timerThread) {
                awaitStop(t);
            }
        }
        health.disconnected("closed");
        if (wasStarted) {
            log.info("event=driver-stopped device={}", deviceName);
        }
    }

    private void awaitStop(ScheduledExecutorService t) {
        try {
            if (!t.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("event=driver-stop-timeout device={} waitedMs={}", deviceName, STOP_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void timerTick() {
        try {
            tick(System.nanoTime());
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again; keep ticking
            log.error("event=tick-failed device={}", deviceName, e);
        }
    }

    private void handle(WiegandResult result) {
        Instant now = clock.instant();
        switch (result) {
            case WiegandFrame frame -> {
                health.goodFrame(now);
                log.debug("event=frame device={} format={}", deviceName, frame.format());
                deliver(new CredentialRead(deviceName, CredentialRead.KIND_WIEGAND, frame.credentialNumber(), now));
            }
            case WiegandRejection bad -> onBad(bad, now);
        }
    }

    private void deliver(CredentialRead read) {
        try {
            listener.accept(read);
        } catch (RuntimeException e) {
            log.warn("event=listener-failed device={}", deviceName, e);
        }
    }

    private void onBad(WiegandRejection bad, Instant now) {
        health.badFrame(bad.reason(), now);
        log.debug(
                "event=bad-frame device={} lines={} reason={} bits={}",
                deviceName,
                lines.name(),
                bad.reason(),
                bad.bitCount());
        long count = badFrameWarnings.count(now);
        if (count > 0) {
            log.warn(
                    "event=bad-frames device={} lines={} reason={} bits={} count={} intervalS={}",
                    deviceName,
                    lines.name(),
                    bad.reason(),
                    bad.bitCount(),
                    count,
                    badFrameWarnings.intervalSeconds());
        }
    }

    /** Edge callbacks from the lines, on their thread; only touch the decoder. */
    private final class Edges implements WiegandLines.Listener {
        @Override
        public void bit(int bit, long nanos) {
            synchronized (edgeLock) {
                decoder.feed(bit, nanos).ifPresent(endedByEdge::add);
            }
        }

        @Override
        public void bothLow(long nanos) {
            synchronized (edgeLock) {
                decoder.bothLow(nanos).ifPresent(endedByEdge::add);
            }
        }
    }
}
