package org.gatepost.simulator.bench;

import org.gatepost.agent.device.serial.SerialLink;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A device end that notes when each write returned, i.e. when the last byte of what an emulator sent was
 * handed to the pty ({@link System#nanoTime()}). Safe for one writer and any number of readers of the marks.
 */
final class TimedLink implements SerialLink {
    private final SerialLink link;
    private volatile long writes;
    private volatile long lastWriteNanos;

    TimedLink(SerialLink link) {
        this.link = link;
    }

    @Override
    public int read(byte[] buffer, int offset, int len) throws IOException {
        return link.read(buffer, offset, len);
    }

    @Override
    public void write(byte[] data) throws IOException {
        link.write(data);
        lastWriteNanos = System.nanoTime();
        writes++; // one writer thread: a plain increment of a volatile is safe here
    }

    @Override
    public String name() {
        return link.name();
    }

    @Override
    public void close() {
        link.close();
    }

    long writes() {
        return writes;
    }

    /** Waits until more than {@code writesBefore} writes have returned; the time the last one returned. */
    long awaitWriteAfter(long writesBefore, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (writes <= writesBefore) {
            if (System.nanoTime() > deadline) throw new TimeoutException("nothing written on " + name() + " within " + timeout);
            Thread.sleep(0, 100_000);
        }
        return lastWriteNanos;
    }
}
