package org.gatepost.simulator.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.gatepost.agent.device.serial.SerialLink;

/**
 * A device end that notes when each write returned, i.e. when the last byte of what an emulator sent was
 * handed to the pty ({@link System#nanoTime()}), in {@link Marks} shared by every link the emulator opens in
 * turn, so the count goes on across a reopened link. Safe for one writer and any number of readers of the marks.
 */
final class TimedLink implements SerialLink {
    private final SerialLink link;
    private final Marks marks;

    TimedLink(SerialLink link, Marks marks) {
        this.link = link;
        this.marks = marks;
    }

    @Override
    public int read(byte[] buffer, int offset, int len) throws IOException {
        return link.read(buffer, offset, len);
    }

    @Override
    public void write(byte[] data) throws IOException {
        link.write(data);
        marks.lastWriteNanos = System.nanoTime();
        marks.writes++; // one writer thread at a time: a plain increment of a volatile is safe here
    }

    @Override
    public String name() {
        return link.name();
    }

    @Override
    public void close() {
        link.close();
    }

    /** Writes that returned on any link of one emulator, and when the last one returned. */
    static final class Marks {
        private volatile long writes;
        private volatile long lastWriteNanos;

        long writes() {
            return writes;
        }

        /**
         * Waits until more than {@code writesBefore} writes have returned; the time the last one returned.
         * The timeout only catches a hang; its message ends with {@code state}'s description of the writer.
         */
        long awaitWriteAfter(long writesBefore, Duration timeout, Supplier<String> state)
                throws TimeoutException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (writes <= writesBefore) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("nothing written within " + timeout + "; " + state.get());
                }
                Thread.sleep(0, 100_000);
            }
            return lastWriteNanos;
        }
    }
}
