package org.gatepost.agent.device.modbus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.SerialLink;

/**
 * Request/reply exchanges with slaves over one open link, keeping the RTU inter-frame silence: no request goes
 * out until the line has been quiet for the silence since the last byte received or sent. Timing is monotonic
 * ({@link System#nanoTime()}). Not thread safe: the driver thread owns it.
 *
 * <p>Every problem seen on the line is reported once to the {@code problems} sink as it happens: each malformed
 * stretch by its decoder reason ({@code bad-crc}, {@code bad-header}, ...), each reply from another slave as
 * {@code wrong-slave}, and an exchange that ends with nothing else to blame as {@code truncated} (a partial
 * frame was left) or {@code timeout}.
 */
final class ModbusChannel {
    /**
     * A partial reply must at least have matched address and function to be called truncated; a single byte
     * left after a bad frame is usually its last CRC byte, which looks like a slave address.
     */
    private static final int TRUNCATED_MIN_BYTES = 2;

    private final SerialLink link;
    private final long silenceNanos;
    private final Consumer<String> problems;
    private final byte[] buf = new byte[ModbusRtuCodec.MAX_FRAME_LENGTH];
    private long lastLineActivityNanos;

    ModbusChannel(SerialLink link, Duration silence, Consumer<String> problems) {
        this.link = link;
        this.silenceNanos = silence.toNanos();
        this.problems = problems;
        this.lastLineActivityNanos = System.nanoTime();
    }

    /** The {@link System#nanoTime()} from which the line will have been silent long enough for a request. */
    long quietAt() {
        return lastLineActivityNanos + silenceNanos;
    }

    /**
     * Waits for the silence, sends {@code request} and waits up to {@code timeout} for the addressed slave's
     * reply (a normal or an exception reply). Replies from other slaves are reported and skipped.
     *
     * @throws ModbusReplyException no usable reply; the caller should {@link #drain} before the next request
     * @throws IOException          the link died, or the thread was interrupted
     */
    ModbusResponse exchange(ModbusRequest request, Duration timeout) throws IOException, ModbusReplyException {
        FrameReader<ModbusResponse> reader =
                new FrameReader<>(ModbusRtuCodec.responseDecoder(request), ModbusRtuCodec.MAX_FRAME_LENGTH);
        Replies replies = new Replies(request.slave());
        awaitSilence();
        link.write(ModbusRtuCodec.encode(request));
        lastLineActivityNanos = System.nanoTime();
        long deadline = lastLineActivityNanos + timeout.toNanos();
        while (true) {
            if (replies.reply != null) {
                return replies.reply;
            }
            if (replies.badCrc && reader.buffered() < TRUNCATED_MIN_BYTES) {
                throw new ModbusReplyException("bad-crc");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw failure(replies, reader.buffered());
            }
            int n = link.read(buf, 0, buf.length);
            if (n > 0) {
                lastLineActivityNanos = System.nanoTime();
                reader.feed(buf, 0, n, replies::frame, replies::malformed);
            }
        }
    }

    /**
     * Reads and discards until a read comes back empty (the line was quiet for one link read timeout) or
     * {@code max} has passed, so a late or broken reply cannot answer the next request. Returns the bytes dropped.
     */
    int drain(Duration max) throws IOException {
        long deadline = System.nanoTime() + max.toNanos();
        int dropped = 0;
        while (System.nanoTime() - deadline < 0) {
            int n = link.read(buf, 0, buf.length);
            if (n == 0) {
                break;
            }
            lastLineActivityNanos = System.nanoTime();
            dropped += n;
        }
        return dropped;
    }

    private ModbusReplyException failure(Replies replies, int buffered) {
        if (replies.badCrc) {
            return new ModbusReplyException("bad-crc");
        }
        if (replies.foreign) {
            return new ModbusReplyException("wrong-slave");
        }
        String reason = buffered >= TRUNCATED_MIN_BYTES ? "truncated" : "timeout";
        problems.accept(reason);
        return new ModbusReplyException(reason);
    }

    private void awaitSilence() throws InterruptedIOException {
        long due = quietAt();
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted awaiting line silence");
            }
        }
    }

    /** What arrived during one exchange. */
    private final class Replies {
        private final int slave;
        private ModbusResponse reply;
        private boolean badCrc;
        private boolean foreign;

        Replies(int slave) {
            this.slave = slave;
        }

        void frame(ModbusResponse response) {
            if (reply != null) {
                return;
            }
            if (response.slave() == slave) {
                reply = response;
            } else {
                foreign = true;
                problems.accept("wrong-slave");
            }
        }

        void malformed(String reason) {
            if (reason.equals("bad-crc")) {
                badCrc = true;
            }
            problems.accept(reason);
        }
    }
}
