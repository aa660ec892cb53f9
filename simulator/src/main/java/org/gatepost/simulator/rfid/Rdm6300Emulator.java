package org.gatepost.simulator.rfid;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gatepost.agent.device.rfid.Rdm6300Codec;
import org.gatepost.agent.device.rfid.Rdm6300Frame;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.simulator.device.SerialEmulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class Rdm6300Emulator extends SerialEmulator<Rdm6300Emulator> {
    /** Repeat period while a tag is present; the module's is 100–200 ms. */
    public static final Duration FRAME_INTERVAL = Duration.ofMillis(150);
    /** EM4100 version (customer) byte used by {@link #present(long)}: that of the reference vectors. */
    public static final int DEFAULT_VERSION = 0x67;
    /** Bytes of a frame sent by {@link #injectTruncated()}: STX and the first six hex characters. */
    public static final int TRUNCATED_LENGTH = 7;

    private static final Logger log = LoggerFactory.getLogger(Rdm6300Emulator.class);

    private final AtomicLong framesSent = new AtomicLong();
    private final Object lock = new Object();
    // guarded by lock
    private final Deque<byte[]> garbage = new ArrayDeque<>();
    private Rdm6300Frame present;
    private long nextFrameNanos;
    private boolean silent;
    private int badChecksumFrames;
    private boolean truncateNext;
    private boolean closed;

    /** Sends on {@code link} until it dies or {@link #close()}. */
    public Rdm6300Emulator(SerialLink link) {
        super("rfid", "rfid-emulator", link, log);
    }

    /** Sends on links from {@code links}, opening a new one after one dies. */
    public Rdm6300Emulator(SerialLinkFactory links) {
        super("rfid", "rfid-emulator", links, log);
    }

    /** A tag with the {@link #DEFAULT_VERSION} byte enters the field (replacing any other). */
    public void present(long tagId) {
        present(DEFAULT_VERSION, tagId);
    }

    /** A tag enters the field: its frame goes out now and every {@link #FRAME_INTERVAL} until removed. */
    public void present(int version, long tagId) {
        Rdm6300Frame frame = new Rdm6300Frame(version, tagId);
        synchronized (lock) {
            if (!frame.equals(present)) {
                nextFrameNanos = System.nanoTime();
            }
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
        if (frames < 0) {
            throw new IllegalArgumentException("frames must not be negative: " + frames);
        }
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
            if (!on) {
                nextFrameNanos = System.nanoTime();
            }
            lock.notifyAll();
        }
    }

    /** Tag frames written so far, including those spoiled by fault injection. */
    public long framesSent() {
        return framesSent.get();
    }

    /** Stops sending and closes the link; waits up to two seconds for the thread. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll(); // a sender waiting for its next frame stops waiting
        }
        super.close();
    }

    @Override
    protected void serve(SerialLink link) throws IOException, InterruptedException {
        byte[] drain = new byte[64];
        while (lifecycle.running()) {
            byte[] out = nextOutput();
            if (out != null) {
                link.write(out);
            } else { // idle: notice a dead link, drop what the host sends
                link.read(drain, 0, drain.length);
            }
        }
    }

    /** The bytes due now; waits while a frame is due soon; null when idle (no tag, or silent). */
    private byte[] nextOutput() throws InterruptedException {
        synchronized (lock) {
            while (!closed) {
                if (!garbage.isEmpty()) {
                    return garbage.removeFirst();
                }
                if (present == null || silent) {
                    return null;
                }
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
}
