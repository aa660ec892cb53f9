package org.gatepost.agent.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.gatepost.agent.device.codec.FrameDecoder;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.SerialLink;

/**
 * What the host (the driver under test) sends, read frame by frame on the device end of a link by a test that
 * plays the device by hand. Each frame is stamped with {@link System#nanoTime()} when it was read. Not thread
 * safe: the test thread drives it.
 */
public final class DeviceEndReader<T> {
    /** A frame and the moment it was read. */
    public record Received<T>(T frame, long atNanos) {}

    private final SerialLink link;
    private final FrameReader<T> reader;
    private final String what;
    private final byte[] chunk;
    private final Deque<Received<T>> received = new ArrayDeque<>();

    /** Reads {@code link} in chunks of {@code maxFrame} bytes; {@code what} names the frames in a failure. */
    public DeviceEndReader(SerialLink link, FrameDecoder<T> decoder, int maxFrame, String what) {
        this.link = link;
        this.reader = new FrameReader<>(decoder, maxFrame);
        this.what = what;
        this.chunk = new byte[maxFrame];
    }

    /** The next frame from the host; fails the test if none arrives within {@code timeout}. */
    public Received<T> next(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + what + " within " + timeout);
            }
            int n = link.read(chunk, 0, chunk.length);
            long at = System.nanoTime();
            reader.feed(chunk, 0, n, frame -> received.add(new Received<>(frame, at)), null);
        }
        return received.removeFirst();
    }

    /** Bytes the host sent that did not decode. */
    public long malformed() {
        return reader.malformed();
    }
}
