package org.gatepost.agent.device.serial;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Keeps one serial device's link alive for a driver: one daemon thread opens the link through the factory,
 * runs the driver's {@link Session} on it until the link throws, closes it once, waits per the
 * {@link ReconnectBackoff} and opens it again, until {@link #close()}.
 *
 * <p>The supervisor reports link transitions to the driver's {@link Health} (on the supervisor thread) and
 * logs them through the driver's logger, so log lines keep the driver's name: WARN {@code event=open-failed}
 * for the first failed open in a row and DEBUG for the rest, INFO {@code event=connected}, WARN
 * {@code event=link-lost} when the link throws {@link IOException}, ERROR {@code event=driver-failed} when the
 * session throws a {@link RuntimeException} (health reason {@code internal-error}; the link is reopened all the
 * same). Nothing is logged about a link that fails because the supervisor is closing.
 *
 * <p>The backoff restarts at its initial delay on every successful open, or, with a progress counter, only
 * after a session in which the counter grew (for polled devices that open fine but may never answer).
 *
 * <p>{@link #running()} and {@link #pause(Duration)} are for the session, which must return (or throw) soon
 * after {@link #running()} turns false. {@link #close()} may be called from any thread, including the session.
 *
 * <p>The simulator's emulators run the same loop on the device end ({@link #deviceEnd}): a fixed reopen interval
 * or a single link, and their own {@link Events} instead of the driver's log lines.
 */
public final class LinkSupervisor implements Closeable {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    /** The protocol half of a driver: talks to the device over an open link. */
    @FunctionalInterface
    public interface Session {
        /**
         * Runs the protocol on {@code link} until {@link LinkSupervisor#running()} is false (then returns) or the
         * link fails (then throws). Runs on the supervisor thread; the supervisor closes the link afterwards.
         */
        void run(SerialLink link) throws IOException;
    }

    /** The driver's health bookkeeping, told about link transitions on the supervisor thread. */
    public interface Health {
        /** A link to {@code port} was opened; {@code reconnect} is false for the first one since start. */
        void connected(String port, boolean reconnect);

        /** There is no link: {@code open-failed}, {@code link-lost}, {@code internal-error} or {@code closed}. */
        void disconnected(String reason);
    }

    /**
     * What the supervisor tells about its link, on the supervisor thread (the stop lines on the closing thread).
     * The drivers' implementation writes the log lines described above.
     */
    public interface Events {
        /** Opening failed; {@code failures} counts the failures in a row before this one. */
        void openFailed(int failures, Exception error, Duration retry);

        /** A link to {@code port} was opened; {@code reconnect} is false for the first one. */
        void connected(String port, boolean reconnect);

        /** The session on {@code port} threw while the supervisor was running. */
        void sessionFailed(String port, Exception error, Duration retry);

        /** {@link #close()} ended the supervisor; {@code timedOut} when its thread did not end within the wait. */
        void stopped(boolean timedOut, Duration waited);
    }

    private static final Health NO_HEALTH = new Health() {
        @Override
        public void connected(String port, boolean reconnect) {}

        @Override
        public void disconnected(String reason) {}
    };

    private final String device;
    private final String threadName;
    private final SerialLinkFactory links;
    private final ReconnectBackoff backoff;
    private final boolean reopen;
    private final Duration joinTimeout;
    private final Events events;
    private final Health health;
    private final Session session;
    private final LongSupplier progress;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Object lock = new Object();
    private Thread thread;
    private SerialLink current;
    private boolean closed;

    /**
     * A supervisor whose backoff restarts only after a session in which {@code progress} grew, or on every successful
     * open when {@code progress} is null.
     */
    public LinkSupervisor(
            String device,
            String threadName,
            SerialLinkFactory links,
            ReconnectBackoff backoff,
            Logger log,
            Health health,
            Session session,
            LongSupplier progress) {
        this(
                device,
                threadName,
                links,
                backoff,
                true,
                JOIN_TIMEOUT,
                new DriverLog(Objects.requireNonNull(log, "log"), device),
                health,
                session,
                progress);
    }

    private LinkSupervisor(
            String device,
            String threadName,
            SerialLinkFactory links,
            ReconnectBackoff backoff,
            boolean reopen,
            Duration joinTimeout,
            Events events,
            Health health,
            Session session,
            LongSupplier progress) {
        this.device = Objects.requireNonNull(device, "device");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.links = Objects.requireNonNull(links, "links");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.reopen = reopen;
        this.joinTimeout = Objects.requireNonNull(joinTimeout, "joinTimeout");
        this.events = Objects.requireNonNull(events, "events");
        this.health = Objects.requireNonNull(health, "health");
        this.session = Objects.requireNonNull(session, "session");
        this.progress = progress;
    }

    /**
     * The loop for the device end of a link (an emulator): opens again every {@code reopenEvery} after a failed
     * open or a dead link when {@code reopen}, otherwise ends after the first link (or the first failed open);
     * {@link #close()} waits up to {@code joinTimeout}. Tells {@code events} only; no health, no log lines.
     */
    public static LinkSupervisor deviceEnd(
            String device,
            String threadName,
            SerialLinkFactory links,
            Duration reopenEvery,
            boolean reopen,
            Duration joinTimeout,
            Events events,
            Session session) {
        return new LinkSupervisor(
                device,
                threadName,
                links,
                new ReconnectBackoff(reopenEvery, reopenEvery),
                reopen,
                joinTimeout,
                events,
                NO_HEALTH,
                session,
                null);
    }

    /** Starts the thread and returns at once. @throws IllegalStateException if started or closed before */
    public void start() {
        synchronized (lock) {
            if (closed || thread != null) {
                throw new IllegalStateException("driver already started or closed: " + device);
            }
            thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::run);
            thread.start();
        }
    }

    /** False once {@link #close()} was called. */
    public boolean running() {
        return stop.getCount() > 0;
    }

    /** Waits {@code delay} or until closed, whichever comes first; false if closed. */
    public boolean pause(Duration delay) {
        try {
            return !stop.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return running(); // close() interrupts after counting down; a stray interrupt is not a stop
        }
    }

    /**
     * Stops the thread, closes the link and waits up to five seconds for the thread to end, then reports
     * {@code closed} to the health. Idempotent; safe from any thread, including the session.
     */
    @Override
    public void close() {
        Thread t;
        SerialLink link;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
            link = current;
        }
        stop.countDown();
        if (t == null) {
            return;
        }
        if (link != null) {
            link.close();
        }
        boolean timedOut = false;
        if (t != Thread.currentThread()) {
            t.interrupt();
            try {
                timedOut = !t.join(joinTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        health.disconnected("closed");
        events.stopped(timedOut, joinTimeout);
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
                events.openFailed(failures, e, delay);
                failures++;
                if (!reopen || !pause(delay)) {
                    return;
                }
                continue;
            }
            synchronized (lock) {
                if (closed) {
                    link.close();
                    return;
                }
                current = link;
            }
            health.connected(link.name(), everConnected);
            events.connected(link.name(), everConnected);
            everConnected = true;
            if (progress == null) {
                failures = 0;
            }
            long before = progress == null ? 0 : progress.getAsLong();
            Exception failure = null;
            try {
                session.run(link);
            } catch (IOException | RuntimeException e) {
                failure = e;
            } finally {
                synchronized (lock) {
                    current = null;
                }
                link.close();
            }
            if (progress != null && progress.getAsLong() > before) {
                failures = 0;
            }
            Duration delay = backoff.delay(failures++);
            if (failure != null && running()) {
                health.disconnected(failure instanceof RuntimeException ? "internal-error" : "link-lost");
                events.sessionFailed(link.name(), failure, delay);
            }
            if (!reopen || !pause(delay)) {
                return;
            }
        }
    }

    /** The drivers' log lines, in the driver's logger so they keep its name. */
    private record DriverLog(Logger log, String device) implements Events {
        @Override
        public void openFailed(int failures, Exception e, Duration retry) {
            if (failures == 0) {
                log.warn(
                        "event=open-failed device={} error=\"{}\" retryMs={}",
                        device,
                        e.getMessage(),
                        retry.toMillis());
            } else {
                log.debug(
                        "event=open-failed device={} attempt={} error=\"{}\" retryMs={}",
                        device,
                        failures + 1,
                        e.getMessage(),
                        retry.toMillis());
            }
        }

        @Override
        public void connected(String port, boolean reconnect) {
            log.info("event=connected device={} port={} reconnect={}", device, port, reconnect);
        }

        @Override
        public void sessionFailed(String port, Exception e, Duration retry) {
            if (e instanceof RuntimeException) {
                log.error("event=driver-failed device={} port={} retryMs={}", device, port, retry.toMillis(), e);
            } else {
                log.warn(
                        "event=link-lost device={} port={} error=\"{}\" retryMs={}",
                        device,
                        port,
                        e.getMessage(),
                        retry.toMillis());
            }
        }

        @Override
        public void stopped(boolean timedOut, Duration waited) {
            if (timedOut) {
                log.warn("event=driver-stop-timeout device={} waitedMs={}", device, waited.toMillis());
            }
            log.info("event=driver-stopped device={}", device);
        }
    }
}
