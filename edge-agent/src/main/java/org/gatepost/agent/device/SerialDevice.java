package org.gatepost.agent.device;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.gatepost.agent.device.serial.LinkSupervisor;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;

/**
 * The half every serial driver shares: its configured name, one {@link HealthTracker}, and the
 * {@link LinkSupervisor} that opens the link, runs {@link #session} on it and closes and reopens it with backoff
 * (logging through the driver's logger). A driver writes its protocol in {@link #session} and may log its
 * settings after {@link #start()}. {@link #health()} and {@link #close()} may be called from any thread.
 */
public abstract class SerialDevice implements Device {
    private final String name;
    private final Logger log;
    /** The driver's health bookkeeping; the supervisor reports link transitions to it. */
    protected final HealthTracker health;
    /** Runs {@link #session}; the session asks it {@code running()} and {@code pause(...)}. */
    protected final LinkSupervisor supervisor;

    /**
     * A device that streams to us: the supervisor thread is {@code <name>-reader}, and the backoff restarts after
     * every successful open.
     */
    protected SerialDevice(
            String name,
            SerialLinkFactory links,
            ReconnectBackoff backoff,
            Logger log,
            HealthTracker.Rules rules,
            Clock clock) {
        this(name, name + "-reader", links, backoff, log, rules, clock, false);
    }

    /**
     * @param threadName      the supervisor thread's name
     * @param resetOnProgress true: the backoff restarts only after a session in which a good frame arrived (a polled
     *                        device that opens fine but may never answer); false: after every successful open
     */
    protected SerialDevice(
            String name,
            String threadName,
            SerialLinkFactory links,
            ReconnectBackoff backoff,
            Logger log,
            HealthTracker.Rules rules,
            Clock clock,
            boolean resetOnProgress) {
        this.name = Objects.requireNonNull(name, "deviceName");
        this.log = log;
        this.health = new HealthTracker(name, rules, clock);
        this.supervisor = new LinkSupervisor(
                name, threadName, links, backoff, log, health, this::session, resetOnProgress ? health::frames : null);
    }

    /**
     * Runs the protocol on {@code link} until {@code supervisor.running()} is false (then returns) or the link fails
     * (then throws). Runs on the supervisor thread; the supervisor closes the link afterwards.
     */
    protected abstract void session(SerialLink link) throws IOException;

    /**
     * Counts a malformed frame in {@link #health}, logs it at DEBUG and, at most once per the interval of
     * {@code warnings}, one WARN line {@code event=bad-frames} with the number of such frames. Reader thread only.
     */
    protected final void badFrame(String reason, Instant now, WarnThrottle warnings) {
        health.badFrame(reason, now);
        log.debug("event=bad-frame device={} port={} reason={}", name, health.port(), reason);
        warnRepeated("bad-frames", reason, now, warnings);
    }

    /**
     * At most once per the interval of {@code warnings}, one WARN line {@code event=<event>} with the number of
     * problems counted since the last one. Reader thread only.
     */
    protected final void warnRepeated(String event, String reason, Instant now, WarnThrottle warnings) {
        long count = warnings.count(now);
        if (count > 0) {
            log.warn(
                    "event={} device={} port={} reason={} count={} intervalS={}",
                    event,
                    name,
                    health.port(),
                    reason,
                    count,
                    warnings.intervalSeconds());
        }
    }

    @Override
    public final String name() {
        return name;
    }

    /** Starts the supervisor thread and returns at once. @throws IllegalStateException if started or closed before */
    @Override
    public void start() {
        supervisor.start();
    }

    @Override
    public final DeviceHealth health() {
        return health.snapshot();
    }

    /**
     * Stops the supervisor thread and closes the link; waits up to five seconds for the thread to end.
     * Idempotent; safe from any thread, including the driver's listener.
     */
    @Override
    public final void close() {
        supervisor.close();
    }
}
