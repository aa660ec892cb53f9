package org.gatepost.simulator.rfid;

import org.gatepost.agent.device.rfid.Rdm6300Codec;
import org.gatepost.agent.device.rfid.Rdm6300Frame;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An RDM6300 125 kHz RFID module on the device end of a serial link, encoding with the agent's own
 * {@link Rdm6300Codec} in the device role. See {@code docs/protocols/rfid-rdm6300.md}.
 *
 * <p>Like the module it only sends: while a tag is {@link #present present} its 14-byte frame goes out at
 * once and then every {@link #FRAME_INTERVAL}; after {@link #remove()} nothing. Bytes the host sends are
 * read and dropped (that is also how a dead link is noticed while no tag is present).
 *
 * <p>{@link #start()} starts one daemon thread that owns the link. Every other method may be called from any
 * thread and takes effect from the next frame. Built on a {@link SerialLinkFactory}, the emulator opens a
 * new link (every 100 ms until it works) after one dies, as a module on a replugged cable; built on a single
 * {@link SerialLink}, it stops when that link dies. Tag ids are logged masked.
 */
public final class Rdm6300Emulator implements Closeable {
    /** Repeat period while a tag is present; the module's is 100–200 ms. */
    public static final Duration FRAME_INTERVAL = Duration.ofMillis(150);
    /** EM4100 version (customer) byte used by {@link #present(long)}: that of the reference vectors. */
    public static final int DEFAULT_VERSION = 0x67;
    /** Bytes of a frame sent by {@link #injectTruncated()}: STX and the first six hex characters. */
    public static final int TRUNCATED_LENGTH = 7;
    private static final Duration REOPEN_INTERVAL = Duration.ofMillis(100);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(Rdm6300Emulator.class);

    private final SerialLinkFactory links;
    private final boolean reopen;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Object lock = new Object();
    // guarded by lock
    private final Deque<byte[]> garbage = new ArrayDeque<>();
    private Rdm6300Frame present;
    private long nextFrameNanos;
    private boolean silent;
    private int badChecksumFrames;
    private boolean truncateNext;
    private SerialLink current;
    private Thread thread;
    private boolean closed;

    /** Sends on {@code link} until it dies or {@link #close()}. */
    public Rdm6300Emulator(SerialLink link) {
        this(singleUse(Objects.requireNonNull(link, "link")), false);
    }

    /** Sends on links from {@code links}, opening a new one after one dies. */
    public Rdm6300Emulator(SerialLinkFactory links) {
        this(Objects.requireNonNull(links, "links"), true);
    }

    private Rdm6300Emulator(SerialLinkFactory links, boolean reopen) {
        this.links = links;
        this.reopen = reopen;
    }

    /** Starts the sender thread; returns this. @throws IllegalStateException if started or closed before */
    public Rdm6300Emulator start() {
        synchronized (lock) {
            if (thread != null || closed) throw new IllegalStateException("already started or closed");
            thread = Thread.ofPlatform().daemon().name("rfid-emulator").unstarted(this::run);
            thread.start();
        }
        return this;
    }

    /** A tag with the {@link #DEFAULT_VERSION} byte enters the field (replacing any other). */
    public void present(long tagId) {
        present(DEFAULT_VERSION, tagId);
    }

    /** A tag enters the field: its frame goes out now and every {@link #FRAME_INTERVAL} until removed. */
    public void present(int version, long tagId) {
        Rdm6300Frame frame = new Rdm6300Frame(version, tagId);
        synchronized (lock) {
            if (!frame.equals(present)) nextFrameNanos = System.nanoTime();
            present = frame;
            lock.notifyAll();
        }
        log.info("event=emulated-tag-present device=rfid tag={}", frame.masked());
    }

    /** The tag leaves the field: no more frames. */
    public void remove() {
        synchronized (lock) {
            present = null;
        }
        log.info("event=emulated-tag-removed device=rfid");
    }

    /** The next {@code frames} frames carry a wrong checksum (still valid hex). */
    public void injectBadChecksum(int frames) {
        if (frames < 0) throw new IllegalArgumentException("frames must not be negative: " + frames);
        synchronized (lock) {
            badChecksumFrames += frames;
        }
    }

    /** The next frame stops after {@value #TRUNCATED_LENGTH} bytes, as if the tag slipped out mid-frame. */
    public void injectTruncated() {
        synchronized (lock) {
            truncateNext = true;
        }
    }

    /** Sends {@code bytes} as soon as possible, even while silent or with no tag: line noise. */
    public void injectGarbage(byte[] bytes) {
        synchronized (lock) {
            garbage.add(bytes.clone());
            lock.notifyAll();
        }
    }

    /** While true the module sends no frames even with a tag present (a tag at the edge of the field). */
    public void silence(boolean on) {
        synchronized (lock) {
            silent = on;
            if (!on) nextFrameNanos = System.nanoTime();
            lock.notifyAll();
        }
    }

    /** Tag frames written so far, including those spoiled by fault injection. */
    public long framesSent() {
        return framesSent.get();
    }

    /** Links opened so far: 1 after start, one more after each reconnect. */
    public long connections() {
        return connections.get();
    }

    /** Stops sending and closes the link; waits up to two seconds for the thread. Idempotent. */
    @Override
    public void close() {
        Thread t;
        SerialLink link;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            t = thread;
            link = current;
            lock.notifyAll();
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
        while (stop.getCount() > 0) {
            SerialLink link;
            try {
                link = links.open();
            } catch (IOException | RuntimeException e) {
                if (!reopen || !pause()) break;
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
            log.info("event=emulator-connected device=rfid port={}", link.name());
            try {
                serve(link);
            } catch (IOException e) {
                if (stop.getCount() > 0) {
                    log.info("event=emulator-link-lost device=rfid port={} error=\"{}\"", link.name(), e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                synchronized (lock) {
                    current = null;
                }
                link.close();
            }
            if (!reopen || !pause()) break;
        }
    }

    private void serve(SerialLink link) throws IOException, InterruptedException {
        byte[] drain = new byte[64];
        while (stop.getCount() > 0) {
            byte[] out = nextOutput();
            if (out != null) link.write(out);
            else link.read(drain, 0, drain.length); // idle: notice a dead link, drop what the host sends
        }
    }

    /** The bytes due now; waits while a frame is due soon; null when idle (no tag, or silent). */
    private byte[] nextOutput() throws InterruptedException {
        synchronized (lock) {
            while (!closed) {
                if (!garbage.isEmpty()) return garbage.removeFirst();
                if (present == null || silent) return null;
                long waitNanos = nextFrameNanos - System.nanoTime();
                if (waitNanos <= 0) {
                    nextFrameNanos = System.nanoTime() + FRAME_INTERVAL.toNanos();
                    return frame();
                }
                TimeUnit.NANOSECONDS.timedWait(lock, waitNanos);
            }
            return null;
        }
    }

    /** Called with the lock held. */
    private byte[] frame() {
        byte[] f = Rdm6300Codec.encode(present);
        if (badChecksumFrames > 0) {
            badChecksumFrames--;
            f[Rdm6300Codec.FRAME_LENGTH - 2] = (byte) (f[Rdm6300Codec.FRAME_LENGTH - 2] == '0' ? '1' : '0');
        }
        if (truncateNext) {
            truncateNext = false;
            f = Arrays.copyOf(f, TRUNCATED_LENGTH);
        }
        framesSent.incrementAndGet();
        return f;
    }

    private boolean pause() {
        try {
            return !stop.await(REOPEN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static SerialLinkFactory singleUse(SerialLink link) {
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
