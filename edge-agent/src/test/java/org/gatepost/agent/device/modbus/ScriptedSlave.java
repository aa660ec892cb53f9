package org.gatepost.agent.device.modbus;

import java.io.IOException;
import java.time.Duration;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.testing.DeviceEndReader;

/**
 * A slave played by hand on the device end of a link: the test takes each request the driver sends (stamped
 * with {@link System#nanoTime()} when it was read) and writes whatever bytes it likes back (stamped just before
 * the write). Not thread safe: the test thread drives it.
 */
final class ScriptedSlave {
    /** A request and the moment the slave read it. */
    record Received(ModbusRequest request, long atNanos) {}

    private final SerialLink link;
    private final DeviceEndReader<ModbusRequest> requests;
    private long lastSentNanos;

    ScriptedSlave(SerialLink link) {
        this.link = link;
        this.requests = new DeviceEndReader<>(link, ModbusRtuCodec.requestDecoder(), 64, "request from the driver");
    }

    /** The next request from the driver; fails the test if none arrives in time. */
    Received next(Duration timeout) throws IOException {
        DeviceEndReader.Received<ModbusRequest> r = requests.next(timeout);
        return new Received(r.frame(), r.atNanos());
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
        return requests.malformed();
    }
}
