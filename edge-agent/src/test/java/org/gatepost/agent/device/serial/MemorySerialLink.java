package org.gatepost.agent.device.serial;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link SerialLink}: {@link #pair} makes two ends wired to each other, like a null-modem
 * cable. For unit tests of drivers and emulators; the real path is tested through jSerialComm on socat ptys.
 * {@link #unplug()} makes both ends fail the way a vanished USB device does.
 */
public final class MemorySerialLink implements SerialLink {
    private static final byte[] EOF = new byte[0];
    private final String name;
    private final LinkedBlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    private final long readTimeoutMillis;
    private MemorySerialLink peer;
    private byte[] pending;
    private int pendingPos;
    private volatile boolean closed;

    private MemorySerialLink(String name, long readTimeoutMillis) {
        this.name = name;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Two connected ends; reads block at most {@code readTimeoutMillis} and then return 0. */
    public static MemorySerialLink[] pair(String name, long readTimeoutMillis) {
        MemorySerialLink a = new MemorySerialLink(name + "-a", readTimeoutMillis);
        MemorySerialLink b = new MemorySerialLink(name + "-b", readTimeoutMillis);
        a.peer = b;
        b.peer = a;
        return new MemorySerialLink[] {a, b};
    }

    @Override
    public int read(byte[] buffer, int offset, int len) throws IOException {
        if (closed) {
            throw new IOException("link closed: " + name);
        }
        if (pending == null || pendingPos == pending.length) {
            try {
                pending = inbox.poll(readTimeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            pendingPos = 0;
            if (pending == null) {
                return 0;
            }
            if (pending == EOF) {
                closed = true;
                throw new IOException("peer gone: " + name);
            }
        }
        int n = Math.min(len, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, buffer, offset, n);
        pendingPos += n;
        return n;
    }

    @Override
    public void write(byte[] data) throws IOException {
        if (closed || peer.closed) {
            throw new IOException("link closed: " + name);
        }
        if (data.length > 0) {
            peer.inbox.add(data.clone());
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** Both ends fail from now on: reads throw once queued bytes are consumed, writes throw. */
    public void unplug() {
        inbox.add(EOF);
        peer.inbox.add(EOF);
        peer.closed = true;
        closed = true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            peer.inbox.add(EOF);
        }
    }
}
