package org.gatepost.simulator.device;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.gatepost.agent.device.serial.LinkSupervisor;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;

/**
 * The device end's link lifecycle for an emulator: one daemon thread opens the link, runs the emulator's
 * {@link Session} on it until the link dies, closes it and, when built {@link #reopening}, opens a new one
 * (every 100 ms until it works), as a device on a replugged cable; built {@link #singleUse}, it stops when
 * that one link dies. The loop is the agent's {@link LinkSupervisor} in its device-end form, so driver and
 * emulator share one implementation of open, serve, close and reopen.
 *
 * <p>Logs through the emulator's logger: INFO {@code event=emulator-connected} and
 * {@code event=emulator-link-lost} (not when the link dies because of {@link #close()}). A session that throws
 * a {@link RuntimeException} ends the thread with it, uncaught. {@link #running()} and {@link #pause(Duration)}
 * are for the session; {@link #connections()} and {@link #close()} may be called from any thread.
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

    private final AtomicLong connections = new AtomicLong();
    private final String device;
    private final Logger log;
    private final Session session;
    private final SerialLinkFactory links;
    private final boolean reopen;
    private volatile LinkSupervisor supervisor;
    private boolean closedBeforeStart;

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
    public synchronized void start(String threadName) {
        if (supervisor != null || closedBeforeStart) {
            throw new IllegalStateException("emulator already started or closed");
        }
        LinkSupervisor s = LinkSupervisor.deviceEnd(
                device, threadName, links, REOPEN_INTERVAL, reopen, JOIN_TIMEOUT, new Events(), this::serve);
        supervisor = s;
        s.start();
    }

    /** False once {@link #close()} was called. */
    public boolean running() {
        LinkSupervisor s = supervisor;
        return s != null && s.running();
    }

    /** Waits {@code delay} or until closed; false if closed. */
    public boolean pause(Duration delay) {
        LinkSupervisor s = supervisor;
        return s != null && s.pause(delay);
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
        LinkSupervisor s;
        synchronized (this) {
            s = supervisor;
            if (s == null) {
                closedBeforeStart = true;
            }
        }
        if (s != null) {
            s.close();
        }
    }

    private void serve(SerialLink link) throws IOException {
        try {
            session.serve(link);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            supervisor.close(); // as before: an interrupted emulator stops
        }
    }

    /** The emulator's log lines; a session's RuntimeException is rethrown so it ends the thread uncaught. */
    private final class Events implements LinkSupervisor.Events {
        @Override
        public void openFailed(int failures, Exception error, Duration retry) {}

        @Override
        public void connected(String port, boolean reconnect) {
            connections.incrementAndGet();
            log.info("event=emulator-connected device={} port={}", device, port);
        }

        @Override
        public void sessionFailed(String port, Exception error, Duration retry) {
            if (error instanceof RuntimeException r) {
                throw r;
            }
            log.info("event=emulator-link-lost device={} port={} error=\"{}\"", device, port, error.getMessage());
        }

        @Override
        public void stopped(boolean timedOut, Duration waited) {}
    }

    private static SerialLinkFactory once(SerialLink link) {
        boolean[] used = {false};
        return () -> {
            synchronized (used) {
                if (used[0]) {
                    throw new IOException("link already used: " + link.name());
                }
                used[0] = true;
                return link;
            }
        };
    }
}
