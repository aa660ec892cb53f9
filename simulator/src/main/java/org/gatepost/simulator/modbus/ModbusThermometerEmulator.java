package org.gatepost.simulator.modbus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.modbus.ModbusRequest;
import org.gatepost.agent.device.modbus.ModbusRtuCodec;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.simulator.device.SerialEmulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus RTU infrared thermometer (an MQ485A, a Calex PyroUSB, ...) on the device end of a serial link,
 * reusing the agent's {@link ModbusRtuCodec} in the slave role. See {@code docs/protocols/modbus-thermometer.md}.
 *
 * <p>The register map, scale and signedness come from a {@link ModbusThermometerSettings} (the same record the
 * agent is configured with), and the emulated slave exposes exactly the block it describes: registers
 * {@code firstRegister() .. firstRegister() + registerCount() - 1}. Function 03 inside the block answers the
 * object, ambient and status registers (others read 0); outside it, exception 02; a quantity outside 1..125,
 * exception 03; functions 01, 02, 04, 05, exception 01. Function 06 is refused with exception 02 unless
 * {@link #acceptAddressChangesAt} names an address register, where a write (broadcast allowed, as the MQ485A
 * does) moves the slave and is echoed as received. Requests to other slaves, broadcasts and requests with a bad
 * CRC get no reply, as on a real bus. Each reply goes out after {@link #setReplyDelay} (default: the map's
 * inter-frame silence, since a real slave only sees the request end after that silence).
 *
 * <p>{@link #start()} starts one daemon thread that reads requests and writes replies. It opens its link through
 * the factory and opens a new one (every 100 ms until it works) after a link dies, so a socat restart is
 * survived. Every other method may be called from any thread; faults are armed for the next replies.
 */
public final class ModbusThermometerEmulator extends SerialEmulator<ModbusThermometerEmulator> {
    public static final double DEFAULT_AMBIENT_C = 25.0;
    /** With nobody in front, the object reading is the scene behind: ambient plus this much. */
    public static final double CLEAR_SCENE_ABOVE_AMBIENT_C = 1.0;

    private static final Logger log = LoggerFactory.getLogger(ModbusThermometerEmulator.class);

    private final EmulatedSlave slave;
    private final AtomicLong requestsReceived = new AtomicLong();
    private final AtomicLong repliesSent = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private volatile Duration replyDelay;

    /** Serves links from {@code links} as the slave {@code registerMap} describes; nothing happens until {@link #start()}. */
    public ModbusThermometerEmulator(SerialLinkFactory links, ModbusThermometerSettings registerMap) {
        super("modbus-thermometer", "modbus-emulator", links, log);
        Objects.requireNonNull(registerMap, "registerMap");
        this.slave = new EmulatedSlave(registerMap, DEFAULT_AMBIENT_C, CLEAR_SCENE_ABOVE_AMBIENT_C);
        this.replyDelay = registerMap.interFrameSilence();
    }

    /** A person in front of the sensor: object temperature {@code objectC} °C. */
    public void aim(double objectC) {
        slave.aim(objectC);
    }

    /** Nobody in front: the object register reads ambient + {@value #CLEAR_SCENE_ABOVE_AMBIENT_C} °C. */
    public void clear() {
        slave.clear();
    }

    /** Ambient (sensor) temperature in °C, default {@value #DEFAULT_AMBIENT_C}. */
    public void setAmbient(double ambientC) {
        slave.setAmbient(ambientC);
    }

    /** Answers as slave {@code address} (1..247) from now on. */
    public void setSlave(int address) {
        slave.setSlave(address);
    }

    public int slave() {
        return slave.slave();
    }

    /** Function 06 writes to {@code register} set the slave address (MQ485A: register 0). */
    public void acceptAddressChangesAt(int register) {
        slave.acceptAddressChangesAt(register);
    }

    /** How long the slave waits after a request before replying. */
    public void setReplyDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("reply delay must not be negative: " + delay);
        }
        replyDelay = delay;
    }

    /** Sets (or clears) the lowest error bit of the status register. @throws IllegalStateException without one */
    public void setSensorError(boolean on) {
        slave.setSensorError(on);
    }

    /** The next {@code replies} replies go out with their last CRC byte inverted. */
    public void injectBadCrc(int replies) {
        slave.injectBadCrc(replies);
    }

    /** The next {@code replies} replies stop halfway, as if the line dropped out. */
    public void injectTruncated(int replies) {
        slave.injectTruncated(replies);
    }

    /** The next {@code replies} requests get no reply: the master times out. */
    public void dropReplies(int replies) {
        slave.dropReplies(replies);
    }

    /** While true, no request gets a reply. */
    public void silence(boolean silent) {
        slave.silence(silent);
    }

    /** The next {@code replies} replies are exception replies with {@code code} (1..255). */
    public void injectException(int code, int replies) {
        slave.injectException(code, replies);
    }

    /** The next {@code replies} replies carry slave address {@code otherSlave} instead of the real one. */
    public void replyAsSlave(int otherSlave, int replies) {
        slave.replyAsSlave(otherSlave, replies);
    }

    /** Sends {@code bytes} of line noise just before the next reply (or alone, if that reply is dropped). */
    public void injectGarbage(byte[] bytes) {
        slave.injectGarbage(bytes);
    }

    /** Well-formed requests received, for any slave. */
    public long requestsReceived() {
        return requestsReceived.get();
    }

    /** Replies written, including those spoiled by faults. */
    public long repliesSent() {
        return repliesSent.get();
    }

    /** Request frames that failed to decode (bad CRC, unknown function): ignored, as a real slave does. */
    public long badRequests() {
        return badRequests.get();
    }

    /** Links opened and served so far: 2 after one reconnect. */
    public long linksServed() {
        return connections();
    }

    @Override
    protected void serve(SerialLink link) throws IOException {
        FrameReader<ModbusRequest> reader =
                new FrameReader<>(ModbusRtuCodec.requestDecoder(), ModbusRtuCodec.MAX_FRAME_LENGTH);
        byte[] buf = new byte[ModbusRtuCodec.MAX_FRAME_LENGTH];
        List<ModbusRequest> requests = new ArrayList<>();
        while (lifecycle.running()) {
            int n = link.read(buf, 0, buf.length);
            if (n == 0) {
                continue;
            }
            reader.feed(buf, 0, n, requests::add, reason -> {
                badRequests.incrementAndGet();
                log.debug("event=bad-request device=modbus-thermometer port={} reason={}", link.name(), reason);
            });
            for (ModbusRequest request : requests) {
                requestsReceived.incrementAndGet();
                EmulatedSlave.Answer answer = slave.answer(request);
                if (answer.isEmpty()) {
                    continue;
                }
                if (!lifecycle.pause(replyDelay)) {
                    return;
                }
                for (byte[] noise : answer.garbage()) {
                    link.write(noise);
                }
                if (answer.reply() != null) {
                    link.write(answer.reply());
                    repliesSent.incrementAndGet();
                }
            }
            requests.clear();
        }
    }
}
