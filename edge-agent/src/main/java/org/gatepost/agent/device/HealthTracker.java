package org.gatepost.agent.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.serial.LinkSupervisor;

/**
 * The health bookkeeping every driver shares: link transitions (from its {@link LinkSupervisor}, or
 * {@link #listening()} for a device without a link), good frames, bad frames counted by reason, and errors that
 * are not frames. The driver's thread records; any thread takes {@link #snapshot()}s. Thread safe (every method
 * locks this object).
 *
 * <p>The state of a snapshot, in this order: DISCONNECTED without a link; after a bad frame or an error with no
 * good frame since, ERRORING (SILENT for a reason among {@link Rules#silentReasons()}) for
 * {@link Rules#errorHold()} (until the next good frame when null); SILENT when {@link Rules#silenceLimit()} passed
 * without a good frame since the last one or the last (re)connect; SILENT from a (re)connect until the first
 * frame or error when {@link Rules#silentUntilFirstOutcome()}; CONNECTED otherwise.
 */
public final class HealthTracker implements LinkSupervisor.Health {
    /**
     * How a kind of device reads as healthy.
     *
     * @param errorHold               how long a bad frame or error keeps the state ERRORING; null: until the next
     *                                good frame
     * @param silenceLimit            no good frame for this long means SILENT; null: an idle device is healthy
     * @param silentUntilFirstOutcome SILENT from a (re)connect until the first good frame, bad frame or error
     * @param silentReasons           problem reasons that mean SILENT rather than ERRORING (e.g. {@code timeout})
     */
    public record Rules(
            Duration errorHold, Duration silenceLimit, boolean silentUntilFirstOutcome, Set<String> silentReasons) {
        public Rules {
            silentReasons = Set.copyOf(silentReasons);
        }

        /** A device that streams frames: SILENT after {@code silenceLimit} without one, ERRORING as long after a bad one. */
        public static Rules streaming(Duration silenceLimit) {
            return new Rules(Objects.requireNonNull(silenceLimit, "silenceLimit"), silenceLimit, false, Set.of());
        }

        /** A reader legitimately silent while idle, so never SILENT; ERRORING for {@code errorHold} after a bad frame. */
        public static Rules quiet(Duration errorHold) {
            return new Rules(Objects.requireNonNull(errorHold, "errorHold"), null, false, Set.of());
        }

        /** A polled device: the state follows the latest outcome; SILENT until the first and after {@code silentReasons}. */
        public static Rules polled(Set<String> silentReasons) {
            return new Rules(null, null, true, silentReasons);
        }
    }

    private final String device;
    private final Rules rules;
    private final Clock clock;
    private final SortedMap<String, Long> badByReason = new TreeMap<>();
    private String port;
    private boolean connected;
    private Instant connectedAt;
    private boolean outcomeSinceConnect;
    private long frames;
    private long badFrames;
    private long reconnects;
    private String lastError = "";
    private Instant lastFrameAt;
    private Instant lastBadAt;
    private boolean badSinceLastFrame;

    /** A device that learns its port when its link opens. */
    public HealthTracker(String device, Rules rules, Clock clock) {
        this(device, "", rules, clock);
    }

    /** A device whose port (e.g. the GPIO lines' name) is known from the start. */
    public HealthTracker(String device, String port, Rules rules, Clock clock) {
        this.device = Objects.requireNonNull(device, "device");
        this.port = Objects.requireNonNull(port, "port");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A link was opened; silence is counted from now (the injected clock's). */
    @Override
    public synchronized void connected(String newPort, boolean isReconnect) {
        port = newPort;
        linkUp();
        if (isReconnect) {
            reconnects++;
        }
    }

    /** There is no link (or the device stopped listening); {@code reason} becomes the last error. */
    @Override
    public synchronized void disconnected(String reason) {
        connected = false;
        lastError = reason;
    }

    /** A device without a link to lose started listening on its port; the last error is cleared. */
    public synchronized void listening() {
        linkUp();
        lastError = "";
    }

    private void linkUp() {
        connected = true;
        connectedAt = clock.instant();
        outcomeSinceConnect = false;
        badSinceLastFrame = false;
    }

    /** A good frame (a reading, a response) at {@code now}; returns the state just before it. */
    public synchronized State goodFrame(Instant now) {
        State before = state(now);
        frames++;
        lastFrameAt = now;
        outcomeSinceConnect = true;
        badSinceLastFrame = false;
        return before;
    }

    /** A bad frame (malformed, out of range, timed out); returns how often {@code reason} was counted, this one included. */
    public synchronized long badFrame(String reason, Instant now) {
        badFrames++;
        problem(reason, now);
        return badByReason.merge(reason, 1L, Long::sum);
    }

    /** A problem that is not a frame (the device refused a command); marks the state like a bad frame, uncounted. */
    public synchronized void error(String reason, Instant now) {
        problem(reason, now);
    }

    private void problem(String reason, Instant now) {
        lastBadAt = now;
        lastError = reason;
        outcomeSinceConnect = true;
        badSinceLastFrame = true;
    }

    /** No good frame within the silence limit, counting from the last frame or the last (re)connect. */
    public synchronized boolean silent(Instant now) {
        if (rules.silenceLimit() == null) {
            return false;
        }
        Instant since = connectedAt;
        if (since == null) {
            return false;
        }
        if (lastFrameAt != null && lastFrameAt.isAfter(since)) {
            since = lastFrameAt;
        }
        return !now.isBefore(since.plus(rules.silenceLimit()));
    }

    /** Good frames since start. */
    public synchronized long frames() {
        return frames;
    }

    /** The link's name; empty before the first link opened. */
    public synchronized String port() {
        return port;
    }

    /** Bad frames since start by reason; an immutable copy, sorted by reason. */
    public synchronized SortedMap<String, Long> badFramesByReason() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(badByReason));
    }

    /** The device's health now, by the injected clock. */
    public synchronized DeviceHealth snapshot() {
        return new DeviceHealth(
                device, port, state(clock.instant()), frames, badFrames, reconnects, lastError, lastFrameAt);
    }

    private State state(Instant now) {
        if (!connected) {
            return State.DISCONNECTED;
        }
        if (badSinceLastFrame && (rules.errorHold() == null || now.isBefore(lastBadAt.plus(rules.errorHold())))) {
            return rules.silentReasons().contains(lastError) ? State.SILENT : State.ERRORING;
        }
        if (silent(now)) {
            return State.SILENT;
        }
        if (rules.silentUntilFirstOutcome() && !outcomeSinceConnect) {
            return State.SILENT;
        }
        return State.CONNECTED;
    }
}
