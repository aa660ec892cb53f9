package org.gatepost.agent.device.idcard;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.SerialLink;

/**
 * Command/response exchanges with a SAM over one open link. Responses carry no command tag, so a response is
 * matched by position: stale frames are dropped before each command, and after a failed exchange the caller
 * {@link #resync}s. Not thread safe: the driver thread owns it.
 */
final class SamChannel {
    private final SerialLink link;
    private final FrameReader<SamFrame> reader = new FrameReader<>(SamCodec.DECODER, SamCodec.MAX_FRAME_LENGTH);
    private final ArrayDeque<SamFrame> inbox = new ArrayDeque<>();
    private final byte[] buf = new byte[2048];
    private String malformedReason;

    SamChannel(SerialLink link) {
        this.link = link;
    }

    SerialLink link() {
        return link;
    }

    /**
     * Sends {@code command} and waits up to {@code timeout} (monotonic time) for one response frame.
     *
     * @throws SamProtocolException {@code timeout}; a framing reason such as {@code bad-checksum} when only
     *                              malformed bytes arrived; {@code short-response} when the payload has no status
     * @throws IOException          the link died
     */
    SamFrame exchange(SamCommand command, Duration timeout) throws IOException, SamProtocolException {
        inbox.clear();
        malformedReason = null;
        link.write(command.frame());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SamFrame f = inbox.poll();
            if (f != null) {
                if (!f.isResponse()) {
                    throw new SamProtocolException("short-response");
                }
                return f;
            }
            if (malformedReason != null && reader.buffered() == 0) {
                throw new SamProtocolException(malformedReason);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new SamProtocolException(malformedReason != null ? malformedReason : "timeout");
            }
            int n = link.read(buf, 0, buf.length);
            if (n > 0) {
                reader.feed(buf, 0, n, inbox::add, this::malformed);
            }
        }
    }

    /**
     * Drops everything buffered, then reads and discards until the line has been quiet for one link read
     * timeout, or {@code max} has passed. Late or broken responses then cannot answer the next command.
     */
    void resync(Duration max) throws IOException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() - deadline < 0 && link.read(buf, 0, buf.length) > 0) {
            // discard
        }
        reader.reset();
        inbox.clear();
        malformedReason = null;
    }

    /** Keeps the first reason of an exchange: a bad checksum makes the rest of its frame look like garbage. */
    private void malformed(String reason) {
        if (malformedReason == null) {
            malformedReason = reason;
        }
    }
}
