package org.gatepost.simulator.device;

import java.io.Closeable;
import java.io.IOException;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;

/**
 * An emulated serial device whose link is run by an {@link EmulatorLink}: built on a single {@link SerialLink}
 * it stops when that link dies; built on a {@link SerialLinkFactory} it opens a new link (every 100 ms until it
 * works) after one dies, as a device on a replugged cable. {@link #start()} starts the one daemon thread that
 * owns the link and runs {@link #serve}; {@link #connections()} and {@link #close()} may be called from any
 * thread.
 *
 * @param <E> the emulator's own type, which {@link #start()} returns
 */
public abstract class SerialEmulator<E extends SerialEmulator<E>> implements Closeable {
    /** The link's lifecycle; {@link #serve} asks it whether to go on ({@link EmulatorLink#running()}). */
    protected final EmulatorLink lifecycle;

    private final String threadName;

    /** Serves {@code link} until it dies or {@link #close()}; logs as {@code device} through {@code log}. */
    @SuppressWarnings("this-escape") // serve runs only on the thread start() starts, after construction
    protected SerialEmulator(String device, String threadName, SerialLink link, Logger log) {
        this.lifecycle = EmulatorLink.singleUse(device, link, log, this::serve);
        this.threadName = threadName;
    }

    /** Serves links from {@code links}, opening a new one after one dies. */
    @SuppressWarnings("this-escape") // serve runs only on the thread start() starts, after construction
    protected SerialEmulator(String device, String threadName, SerialLinkFactory links, Logger log) {
        this.lifecycle = EmulatorLink.reopening(device, links, log, this::serve);
        this.threadName = threadName;
    }

    /** The device's half on an open link: see {@link EmulatorLink.Session#serve}. */
    protected abstract void serve(SerialLink link) throws IOException, InterruptedException;

    /** Starts the thread; returns this. @throws IllegalStateException if started or closed before */
    @SuppressWarnings("unchecked") // E is this class's own type
    public E start() {
        lifecycle.start(threadName);
        return (E) this;
    }

    /** Links opened so far: 1 after start, one more after each reconnect. */
    public long connections() {
        return lifecycle.connections();
    }

    /** Stops the thread and closes the link; waits up to two seconds for the thread. Idempotent. */
    @Override
    public void close() {
        lifecycle.close();
    }
}
