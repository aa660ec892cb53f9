package org.gatepost.agent.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;

/**
 * A {@link SerialLinkFactory} over in-memory pairs: each {@link #open()} makes a new pair, returns the host
 * end and hands the device end to the test through {@link #nextDeviceEnd}. While {@link #unplug() unplugged}
 * the current pair fails and opening throws, like a USB adapter that is gone. The host end counts what the
 * driver reads, so a test can wait until the driver has handled bytes before it moves the clock on
 * ({@link #drained}). Safe for concurrent use.
 */
public final class PluggableLinks implements SerialLinkFactory {
    public static final long READ_TIMEOUT_MILLIS = 5;
    private final String name;
    private final BlockingQueue<MemorySerialLink> deviceEnds = new LinkedBlockingQueue<>();
    private final AtomicInteger opens = new AtomicInteger();
    private volatile boolean plugged = true;
    private volatile MemorySerialLink hostEnd;
    private volatile CountingLink counting;

    public PluggableLinks(String name) {
        this.name = name;
    }

    @Override
    public SerialLink open() throws IOException {
        if (!plugged) {
            throw new IOException("no such device: /dev/ttyFAKE");
        }
        MemorySerialLink[] pair = MemorySerialLink.pair(name, READ_TIMEOUT_MILLIS);
        opens.incrementAndGet();
        hostEnd = pair[0];
        counting = new CountingLink(pair[0]);
        deviceEnds.add(pair[1]);
        return counting;
    }

    /** The device end of the next link the driver opens; fails the test if none is opened in time. */
    public MemorySerialLink nextDeviceEnd(Duration timeout) throws InterruptedException {
        MemorySerialLink end = deviceEnds.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (end == null) {
            throw new AssertionError("the driver opened no link within " + timeout);
        }
        return end;
    }

    /**
     * True once the driver has read {@code totalBytes} from the current link and gone back to reading, so
     * it has stamped and framed them.
     */
    public boolean drained(long totalBytes) {
        CountingLink c = counting;
        return c != null && c.drained(totalBytes);
    }

    public void unplug() {
        plugged = false;
        MemorySerialLink h = hostEnd;
        if (h != null) {
            h.unplug();
        }
    }

    public void plugIn() {
        plugged = true;
    }

    public int opens() {
        return opens.get();
    }

    private static final class CountingLink implements SerialLink {
        private final SerialLink inner;
        private long bytes;
        private long readsStarted;
        private long lastDataRead;

        CountingLink(SerialLink inner) {
            this.inner = inner;
        }

        @Override
        public int read(byte[] buffer, int offset, int len) throws IOException {
            long seq;
            synchronized (this) {
                seq = ++readsStarted;
            }
            int n = inner.read(buffer, offset, len);
            synchronized (this) {
                if (n > 0) {
                    bytes += n;
                    lastDataRead = seq;
                }
            }
            return n;
        }

        synchronized boolean drained(long totalBytes) {
            return bytes >= totalBytes && readsStarted > lastDataRead;
        }

        @Override
        public void write(byte[] data) throws IOException {
            inner.write(data);
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
