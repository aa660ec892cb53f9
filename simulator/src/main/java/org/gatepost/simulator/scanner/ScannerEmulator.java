package org.gatepost.simulator.scanner;

import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.simulator.device.SerialEmulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A QR / barcode scanner module (GM65 family) in serial mode on the device end of a link: each
 * {@link #scan scan} writes the code's bytes in the chosen charset followed by the tail, optionally paced at
 * 9600 baud (about 1.04 ms a byte, as the module's UART sends them). See
 * {@code docs/protocols/qr-scanner-serial.md}.
 *
 * <p>{@link #start()} starts one daemon thread that owns the link and writes queued scans in order; bytes
 * the host sends (GM65 commands) are read and ignored. Every other method may be called from any thread and
 * returns at once. Built on a {@link SerialLinkFactory}, the emulator opens a new link (every 100 ms until
 * it works) after one dies; a scan being written when the link died is lost, as on a pulled cable. Built on
 * a single {@link SerialLink}, it stops when that link dies. Code text is never logged.
 */
public final class ScannerEmulator extends SerialEmulator<ScannerEmulator> {
    /** Time of one byte at 9600 baud, 8N1: ten bits. */
    public static final Duration BYTE_TIME_9600 = Duration.ofNanos(10 * 1_000_000_000L / 9600);
    /** The module's factory charset. */
    public static final Charset DEFAULT_CHARSET = Charset.forName("GBK");

    private static final byte OVERSIZE_FILLER = 'Z';
    private static final Logger log = LoggerFactory.getLogger(ScannerEmulator.class);

    private final AtomicLong scansWritten = new AtomicLong();
    private final Object lock = new Object();
    // guarded by lock
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private Charset charset = DEFAULT_CHARSET;
    private Terminator terminator = Terminator.CR;
    private boolean paced;
    private boolean omitNextTerminator;

    /** Writes on {@code link} until it dies or {@link #close()}. */
    public ScannerEmulator(SerialLink link) {
        super("scanner", "scanner-emulator", link, log);
    }

    /** Writes on links from {@code links}, opening a new one after one dies. */
    public ScannerEmulator(SerialLinkFactory links) {
        super("scanner", "scanner-emulator", links, log);
    }

    /** The module's configured output: charset and tail used by {@link #scan(String)}. Defaults GBK and CR. */
    public void configure(Charset charset, Terminator terminator) {
        synchronized (lock) {
            this.charset = Objects.requireNonNull(charset, "charset");
            this.terminator = Objects.requireNonNull(terminator, "terminator");
        }
    }

    /** When true, bytes go out one {@link #BYTE_TIME_9600} apart instead of in one write. Default false. */
    public void pace(boolean on) {
        synchronized (lock) {
            paced = on;
        }
    }

    /** Scans {@code text} with the configured charset and tail. */
    public void scan(String text) {
        Charset c;
        Terminator t;
        synchronized (lock) {
            c = charset;
            t = terminator;
        }
        scan(text, c, t);
    }

    /** Scans {@code text}: its bytes in {@code charset}, then {@code terminator}'s tail. Queued; returns at once. */
    public void scan(String text, Charset charset, Terminator terminator) {
        byte[] code = text.getBytes(charset);
        synchronized (lock) {
            byte[] tail = omitNextTerminator ? new byte[0] : terminator.bytes();
            omitNextTerminator = false;
            enqueue(concat(code, tail));
        }
    }

    /** The next scan goes out without its tail: the host must frame it by the idle gap. */
    public void omitNextTerminator() {
        synchronized (lock) {
            omitNextTerminator = true;
        }
    }

    /** Sends a code of {@code lengthBytes} ASCII bytes with the configured tail: longer than the host accepts. */
    public void injectOversize(int lengthBytes) {
        if (lengthBytes < 1) {
            throw new IllegalArgumentException("lengthBytes must be positive: " + lengthBytes);
        }
        byte[] code = new byte[lengthBytes];
        Arrays.fill(code, OVERSIZE_FILLER);
        synchronized (lock) {
            enqueue(concat(code, terminator.bytes()));
        }
    }

    /** Sends {@code bytes} as they are, in turn with scans: line noise. */
    public void injectGarbage(byte[] bytes) {
        synchronized (lock) {
            enqueue(bytes.clone());
        }
    }

    /** Scans, oversize codes and garbage written in full so far. */
    public long scansWritten() {
        return scansWritten.get();
    }

    /** Called with the lock held. */
    private void enqueue(byte[] bytes) {
        queue.add(bytes);
        lock.notifyAll();
    }

    @Override
    protected void serve(SerialLink link) throws IOException {
        byte[] drain = new byte[64];
        while (lifecycle.running()) {
            byte[] out;
            boolean pacedNow;
            synchronized (lock) {
                out = queue.pollFirst();
                pacedNow = paced;
            }
            if (out == null) {
                link.read(drain, 0, drain.length); // idle: notice a dead link, ignore host commands
                continue;
            }
            if (pacedNow) {
                writePaced(link, out);
            } else {
                link.write(out);
            }
            scansWritten.incrementAndGet();
            log.debug("event=emulated-scan-written device=scanner bytes={}", out.length);
        }
    }

    /** Writes each byte when its 9600-baud slot comes; several at once if the thread woke late. */
    private void writePaced(SerialLink link, byte[] out) throws IOException {
        long start = System.nanoTime();
        long byteNanos = BYTE_TIME_9600.toNanos();
        int sent = 0;
        while (sent < out.length && lifecycle.running()) {
            long elapsed = System.nanoTime() - start;
            int due = (int) Math.min(out.length, elapsed / byteNanos + 1);
            if (due > sent) {
                link.write(Arrays.copyOfRange(out, sent, due));
                sent = due;
            } else {
                LockSupport.parkNanos(start + sent * byteNanos - System.nanoTime());
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
