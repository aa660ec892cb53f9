package org.gatepost.agent.device.serial;

import org.slf4j.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

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

    private final String device;
    private final String threadName;
    private final SerialLinkFactory links;
    private final ReconnectBackoff backoff;
    private final Logger log;
    private final Health health;
    private final Session session;
    private final LongSupplier progress;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Object lock = new Object();
    private Thread thread;
    private SerialLink current;
    private boolean closed;

    /** A supervisor whose backoff restarts on every successful open. */
    public LinkSupervisor(String device, String threadName, SerialLinkFactory links, ReconnectBackoff backoff,
                          Logger log, Health health, Session session) {
        this(device, threadName, links, backoff, log, health, session, null);
    }

    /** A supervisor whose backoff restarts only after a session in which {@code progress} grew. */
    public LinkSupervisor(String device, String threadName, SerialLinkFactory links, ReconnectBackoff backoff,
                          Logger log, Health health, Session session, LongSupplier progress) {
        this.device = Objects.requireNonNull(device, "device");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.links = Objects.requireNonNull(links, "links");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.log = Objects.requireNonNull(log, "log");
        this.health = Objects.requireNonNull(health, "health");
        this.session = Objects.requireNonNull(session, "session");
        this.progress = progress;
    }

    /** Starts the thread and returns at once. @throws IllegalStateException if started or closed before */
    public void start() {
        synchronized (lock) {
            if (closed || thread != null) throw new IllegalStateException("driver already started or closed: " + device);
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
            if (closed) return;
            closed = true;
            t = thread;
            link = current;
        }
        stop.countDown();
        if (t == null) return;
        if (link != null) link.close();
        if (t != Thread.currentThread()) {
            t.interrupt();
            try {
                if (!t.join(JOIN_TIMEOUT)) {
                    log.warn("event=driver-stop-timeout device={} waitedMs={}", device, JOIN_TIMEOUT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        health.disconnected("closed");
        log.info("event=driver-stopped device={}", device);
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
                if (!pause(delay)) return;
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
            log.info("event=connected device={} port={} reconnect={}", device, link.name(), everConnected);
            everConnected = true;
            if (progress == null) failures = 0;
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
            if (progress != null && progress.getAsLong() > before) failures = 0;
            Duration delay = backoff.delay(failures++);
            if (failure != null && running()) sessionFailed(link, failure, delay);
            if (!pause(delay)) return;
        }
    }

    private void sessionFailed(SerialLink link, Exception e, Duration retry) {
        if (e instanceof RuntimeException) {
            health.disconnected("internal-error");
            log.error("event=driver-failed device={} port={} retryMs={}", device, link.name(), retry.toMillis(), e);
        } else {
            health.disconnected("link-lost");
            log.warn("event=link-lost device={} port={} error=\"{}\" retryMs={}",
                device, link.name(), e.getMessage(), retry.toMillis());
        }
    }
}
