package org.gatepost.simulator.bench;

import java.io.IOException;
import org.gatepost.agent.device.serial.SerialLink;

/**
 * A device on the device end of a pty that sends exactly the bytes it is told to, when told to, so a benchmark
 * knows when the last byte of a GY-MCU frame or a scanned code left the device. Whatever the agent sends
 * (the thermometer's continuous-mode command and its repeats) is read and dropped, so the pty never fills.
 * {@link #send} is for one thread; {@link #close} from any.
 */
final class TriggeredDevice implements AutoCloseable {
    private final SerialLink link;
    private final Thread drain;
    private volatile boolean open = true;

    TriggeredDevice(SerialLink deviceEnd) {
        this.link = deviceEnd;
        this.drain = Thread.ofPlatform()
                .daemon()
                .name("triggered-" + deviceEnd.name())
                .start(this::drainInput);
    }

    /** Writes {@code bytes}; returns when the last was written ({@link System#nanoTime()}). */
    long send(byte[] bytes) throws IOException {
        link.write(bytes);
        return System.nanoTime();
    }

    private void drainInput() {
        byte[] buf = new byte[64];
        try {
            while (open) {
                link.read(buf, 0, buf.length);
            }
        } catch (IOException e) {
            // link closed
        }
    }

    @Override
    public void close() {
        open = false;
        link.close();
        try {
            drain.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
