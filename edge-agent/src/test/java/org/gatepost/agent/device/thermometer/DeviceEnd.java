package org.gatepost.agent.device.thermometer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.SerialLink;

/** Test helper playing the module by hand on the device end of a link: reads commands, writes frames. */
final class DeviceEnd {
    private final SerialLink link;
    private final FrameReader<GyMcuCommand> reader = new FrameReader<>(GyMcuCodec.commandDecoder(), 16);
    private final Deque<GyMcuCommand> received = new ArrayDeque<>();

    DeviceEnd(SerialLink link) {
        this.link = link;
    }

    /** The next command the host sends; fails the test if none arrives in time. */
    GyMcuCommand nextCommand(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] chunk = new byte[16];
        while (received.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no command from the host within " + timeout);
            }
            int n = link.read(chunk, 0, chunk.length);
            reader.feed(chunk, 0, n, received::add, null);
        }
        return received.removeFirst();
    }

    void send(byte[] bytes) throws IOException {
        link.write(bytes);
    }

    void sendFrame(int objectCentiC, int ambientCentiC) throws IOException {
        link.write(GyMcuCodec.encodeFrame(objectCentiC, ambientCentiC));
    }

    long malformedCommands() {
        return reader.malformed();
    }
}
