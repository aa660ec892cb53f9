package org.gatepost.agent.device.rfid;

import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SerialLinkFactory} over in-memory pairs: each {@link #open()} makes a new pair, returns the host
 * end and hands the device end to the test through {@link #nextDeviceEnd}. While {@link #unplug() unplugged}
 * the current pair fails and opening throws, like a USB adapter that is gone. Safe for concurrent use.
 */
final class PluggableLinks implements SerialLinkFactory {
    static final long READ_TIMEOUT_MILLIS = 5;
    private final String name;
    private final BlockingQueue<MemorySerialLink> deviceEnds = new LinkedBlockingQueue<>();
    private final AtomicInteger opens = new AtomicInteger();
    private volatile boolean plugged = true;
    private volatile MemorySerialLink hostEnd;

    PluggableLinks(String name) {
        this.name = name;
    }

    @Override
    public SerialLink open() throws IOException {
        if (!plugged) throw new IOException("no such device: /dev/ttyFAKE");
        MemorySerialLink[] pair = MemorySerialLink.pair(name, READ_TIMEOUT_MILLIS);
        opens.incrementAndGet();
        hostEnd = pair[0];
        deviceEnds.add(pair[1]);
        return pair[0];
    }

    /** The device end of the next link the driver opens; fails the test if none is opened in time. */
    MemorySerialLink nextDeviceEnd(Duration timeout) throws InterruptedException {
        MemorySerialLink end = deviceEnds.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (end == null) throw new AssertionError("the driver opened no link within " + timeout);
        return end;
    }

    void unplug() {
        plugged = false;
        MemorySerialLink h = hostEnd;
        if (h != null) h.unplug();
    }

    void plugIn() {
        plugged = true;
    }

    int opens() {
        return opens.get();
    }
}
