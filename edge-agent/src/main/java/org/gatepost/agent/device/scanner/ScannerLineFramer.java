package org.gatepost.agent.device.scanner;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;

/**
 * Cuts the scanner's byte stream into code lines: at the configured terminator, or, when no terminator
 * comes, once the line has been quiet for the idle gap (always so for {@link Terminator#NONE}).
 *
 * <ul>
 *   <li>{@code CR}: {@code 0D} ends a line; an {@code 0A} right after it is dropped, so a scanner that
 *       sends CRLF works too.</li>
 *   <li>{@code CRLF}: {@code 0A} ends a line and a {@code 0D} just before it belongs to the terminator, also
 *       when the two arrive in different reads; a lone {@code 0A} ends a line too. A {@code 0D} followed by
 *       anything else is text. A line cut by the gap loses a trailing {@code 0D}.</li>
 *   <li>{@code TAB}: {@code 09} ends a line.</li>
 * </ul>
 * Empty lines are ignored. A line longer than {@code maxLengthBytes} (terminator excluded) is reported once
 * as {@code oversize} and the rest of it is discarded up to the next terminator or gap; the buffer never
 * grows beyond the limit.
 *
 * <p>The idle gap is judged by the caller: it calls {@link #tick} when a read returned nothing, and
 * {@link #feed} stamps the time of the bytes it gets. So a read thread that fell behind and then reads a
 * burst never splits a line. The read timeout must not exceed the gap by much, or lines end late.
 *
 * <p>Not thread safe: one reader thread owns it. See {@code docs/protocols/qr-scanner-serial.md}.
 */
public final class ScannerLineFramer {
    private static final byte CR = 0x0D;
    private static final byte LF = 0x0A;
    private static final byte TAB = 0x09;
    private static final int INITIAL_BUFFER_BYTES = 256;

    /** Receives the framer's output, on the thread that called {@link #feed} or {@link #tick}. */
    public interface Sink {
        /** A complete non-empty line, terminator removed; {@code byGap} when it ended by the idle gap. */
        void line(byte[] text, boolean byGap);

        /** A line was dropped; {@code reason} is {@code oversize}. */
        void rejected(String reason);
    }

    private final Terminator terminator;
    private final Duration idleGap;
    private final int maxLengthBytes;
    private byte[] buf;
    private int len;
    private boolean discarding;
    private boolean pendingCr;
    private boolean justEndedByCr;
    private Instant lastByteAt;
    private long lines;
    private long gapLines;
    private long oversize;

    public ScannerLineFramer(Terminator terminator, Duration idleGap, int maxLengthBytes) {
        this.terminator = Objects.requireNonNull(terminator, "terminator");
        this.idleGap = Objects.requireNonNull(idleGap, "idleGap");
        if (maxLengthBytes < 1) {
            throw new IllegalArgumentException("maxLengthBytes must be positive: " + maxLengthBytes);
        }
        this.maxLengthBytes = maxLengthBytes;
        this.buf = new byte[Math.min(maxLengthBytes, INITIAL_BUFFER_BYTES)];
    }

    public ScannerLineFramer(ScannerSettings settings) {
        this(settings.terminator(), settings.idleGap(), settings.maxLengthBytes());
    }

    /** Takes {@code data[off, off+n)}, received at {@code now}, and emits every line it completes. */
    public void feed(byte[] data, int off, int n, Instant now, Sink sink) {
        Objects.checkFromIndexSize(off, n, data.length);
        if (n == 0) {
            return;
        }
        for (int i = off; i < off + n; i++) {
            accept(data[i], sink);
        }
        lastByteAt = now;
    }

    /** Ends a pending line if nothing arrived since {@code idleGap} before {@code now}. */
    public void tick(Instant now, Sink sink) {
        if (lastByteAt == null || now.isBefore(lastByteAt.plus(idleGap))) {
            return;
        }
        lastByteAt = null;
        pendingCr = false;
        if (len > 0 || discarding) {
            endLine(sink, true);
        }
    }

    /** Drops any partial line, e.g. after the link was reopened. */
    public void reset() {
        len = 0;
        discarding = false;
        pendingCr = false;
        justEndedByCr = false;
        lastByteAt = null;
    }

    private void accept(byte b, Sink sink) {
        switch (terminator) {
            case CR -> {
                boolean dropLf = justEndedByCr && b == LF;
                justEndedByCr = b == CR;
                if (b == CR) {
                    endLine(sink, false);
                } else if (!dropLf) {
                    append(b, sink);
                }
            }
            case CRLF -> {
                if (b == LF) {
                    pendingCr = false;
                    endLine(sink, false);
                    return;
                }
                if (pendingCr) {
                    append(CR, sink);
                }
                pendingCr = b == CR;
                if (!pendingCr) {
                    append(b, sink);
                }
            }
            case TAB -> {
                if (b == TAB) {
                    endLine(sink, false);
                } else {
                    append(b, sink);
                }
            }
            case NONE -> append(b, sink);
        }
    }

    private void append(byte b, Sink sink) {
        if (discarding) {
            return;
        }
        if (len == maxLengthBytes) {
            discarding = true;
            len = 0;
            oversize++;
            sink.rejected("oversize");
            return;
        }
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, Math.min(maxLengthBytes, buf.length * 2));
        }
        buf[len++] = b;
    }

    private void endLine(Sink sink, boolean byGap) {
        if (discarding) {
            discarding = false;
            return;
        }
        if (len == 0) {
            return;
        }
        byte[] line = Arrays.copyOf(buf, len);
        Arrays.fill(buf, 0, len, (byte) 0); // a scanned code is a credential: do not keep it around
        len = 0;
        lines++;
        if (byGap) {
            gapLines++;
        }
        sink.line(line, byGap);
    }

    /** Bytes of the line being received (0 while discarding an oversize line). */
    public int buffered() {
        return len;
    }

    /** Lines emitted so far, however they ended. */
    public long lines() {
        return lines;
    }

    /** Lines emitted because of the idle gap. */
    public long gapLines() {
        return gapLines;
    }

    /** Lines rejected as oversize. */
    public long oversize() {
        return oversize;
    }
}
