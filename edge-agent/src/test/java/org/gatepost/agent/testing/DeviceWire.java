package org.gatepost.agent.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.gatepost.agent.device.serial.SerialLink;

/** The host's side of an emulator's link in a test: collects raw bytes with their arrival times. */
public final class DeviceWire {
    private final SerialLink hostEnd;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public DeviceWire(SerialLink hostEnd) {
        this.hostEnd = hostEnd;
    }

    /** Reads until at least {@code count} bytes in total have arrived; fails the test at the deadline. */
    public byte[] awaitBytes(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] chunk = new byte[64];
        while (bytes.size() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("only " + bytes.size() + " of " + count + " bytes within " + timeout);
            }
            int n = hostEnd.read(chunk, 0, chunk.length);
            bytes.write(chunk, 0, n);
        }
        return bytes.toByteArray();
    }

    /** Reads for {@code period} and returns every byte so far. */
    public byte[] readFor(Duration period) throws IOException {
        long end = System.nanoTime() + period.toNanos();
        byte[] chunk = new byte[64];
        while (System.nanoTime() - end < 0) {
            int n = hostEnd.read(chunk, 0, chunk.length);
            bytes.write(chunk, 0, n);
        }
        return bytes.toByteArray();
    }

    public void clear() {
        bytes.reset();
    }
}
