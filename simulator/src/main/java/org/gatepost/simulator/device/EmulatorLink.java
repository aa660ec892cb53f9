package org.gatepost.simulator.device;

import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The device end's link lifecycle for an emulator: one daemon thread opens the link, runs the emulator's
 * {@link Session} on it until the link dies, closes it and, when built {@link #reopening}, opens a new one
 * (every 100 ms until it works), as a device on a replugged cable; built {@link #singleUse}, it stops when
 * that one link dies.
 *
 * <p>Logs through the emulator's logger: INFO {@code event=emulator-connected} and
 * {@code event=emulator-link-lost} (not when the link dies because of {@link #close()}).
 * {@link #running()} and {@link #pause(Duration)} are for the session; {@link #connections()} and
 * {@link #close()} may be called from any thread.
 */
public final class EmulatorLink implements Closeable {
    private static final Duration REOPEN_INTERVAL = Duration.ofMillis(100);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    /** The emulated device's half: answers or sends on an open link. */
    @FunctionalInterface
    public interface Session {
        /** Serves {@code link} until {@link EmulatorLink#running()} is false (return) or the link dies (throw). */
        void serve(SerialLink link) throws IOException, InterruptedException;
    }

    private final String device;
    private final SerialLinkFactory links;
    private final boolean reopen;
    private final Logger log;
    private final Session session;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong connections = new AtomicLong();
    private final Object lock = new Object();
    private SerialLink current;
    private Thread thread;
    private boolean closed;

    private EmulatorLink(String device, SerialLinkFactory links, boolean reopen, Logger log, Session session) {
        this.device = Objects.requireNonNull(device, "device");
        this.links = links;
        this.reopen = reopen;
        this.log = Objects.requireNonNull(log, "log");
        this.session = Objects.requireNonNull(session, "session");
    }

    /** Serves links from {@code links}, opening a new one after one dies. */
    public static EmulatorLink reopening(String device, SerialLinkFactory links, Logger log, Session session) {
        return new EmulatorLink(device, Objects.requireNonNull(links, "links"), true, log, session);
    }

    /** Serves {@code link} until it dies or {@link #close()}. */
    public static EmulatorLink singleUse(String device, SerialLink link, Logger log, Session session) {
        return new EmulatorLink(device, once(Objects.requireNonNull(link, "link")), false, log, session);
    }

    /** Starts the thread named {@code threadName}. @throws IllegalStateException if started or closed before */
    public void start(String threadName) {
        synchronized (lock) {
            if (thread != null || closed) throw new IllegalStateException("emulator already started or closed");
            thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::run);
            thread.start();
        }
    }

    /** False once {@link #close()} was called. */
    public boolean running() {
        return stop.getCount() > 0;
    }

    /** Waits {@code delay} or until closed; false if closed (or the thread was interrupted). */
    public boolean pause(Duration delay) {
        try {
            return !stop.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Links opened so far: 1 after start, one more after each reconnect. */
    public long connections() {
        return connections.get();
    }

    /**
     * Stops the thread and closes the link; waits up to two seconds for the thread. Idempotent. An emulator
     * whose session waits on its own monitor wakes it before calling this.
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
        if (link != null) link.close();
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(JOIN_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running()) {
            SerialLink link;
            try {
                link = links.open();
            } catch (IOException | RuntimeException e) {
                if (!reopen || !pause(REOPEN_INTERVAL)) break;
                continue;
            }
            synchronized (lock) {
                if (closed) {
                    link.close();
                    break;
                }
                current = link;
            }
            connections.incrementAndGet();
            log.info("event=emulator-connected device={} port={}", device, link.name());
            try {
                session.serve(link);
            } catch (IOException e) {
                if (running()) log.info("event=emulator-link-lost device={} port={} error=\"{}\"", device, link.name(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                synchronized (lock) {
                    current = null;
                }
                link.close();
            }
            if (!reopen || !pause(REOPEN_INTERVAL)) break;
        }
    }

    private static SerialLinkFactory once(SerialLink link) {
        boolean[] used = {false};
        return () -> {
            synchronized (used) {
                if (used[0]) throw new IOException("link already used: " + link.name());
                used[0] = true;
                return link;
            }
        };
    }
}
