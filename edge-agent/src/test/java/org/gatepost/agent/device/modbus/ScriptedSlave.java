package org.gatepost.agent.device.modbus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.SerialLink;

/**
 * A slave played by hand on the device end of a link: the test takes each request the driver sends (stamped
 * with {@link System#nanoTime()} when it was read) and writes whatever bytes it likes back (stamped just before
 * the write). Not thread safe: the test thread drives it.
 */
final class ScriptedSlave {
    /** A request and the moment the slave read it. */
    record Received(ModbusRequest request, long atNanos) {}

    private final SerialLink link;
    private final FrameReader<ModbusRequest> reader = new FrameReader<>(ModbusRtuCodec.requestDecoder(), 64);
    private final Deque<Received> received = new ArrayDeque<>();
    private long lastSentNanos;

    ScriptedSlave(SerialLink link) {
        this.link = link;
    }

    /** The next request from the driver; fails the test if none arrives in time. */
    Received next(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] chunk = new byte[64];
        while (received.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no request from the driver within " + timeout);
            }
            int n = link.read(chunk, 0, chunk.length);
            long at = System.nanoTime();
            reader.feed(chunk, 0, n, r -> received.add(new Received(r, at)), null);
        }
        return received.removeFirst();
    }

    ModbusRequest nextRequest(Duration timeout) throws IOException {
        return next(timeout).request();
    }

    void send(byte[] bytes) throws IOException {
        lastSentNanos = System.nanoTime();
        link.write(bytes);
    }

    void reply(ModbusResponse response) throws IOException {
        send(ModbusRtuCodec.encode(response));
    }

    /** {@link System#nanoTime()} just before the last {@link #send} started writing. */
    long lastSentNanos() {
        return lastSentNanos;
    }

    long malformedRequests() {
        return reader.malformed();
    }
}
