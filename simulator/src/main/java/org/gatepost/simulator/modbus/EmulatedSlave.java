package org.gatepost.simulator.modbus;

import static org.gatepost.agent.device.modbus.ModbusRtuCodec.BROADCAST_ADDRESS;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.gatepost.agent.device.modbus.ModbusRequest;
import org.gatepost.agent.device.modbus.ModbusResponse;
import org.gatepost.agent.device.modbus.ModbusRtuCodec;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings;

/**
 * What the emulated thermometer answers, without any I/O: the register bank, the scene in front of the sensor
 * and the armed faults. Thread safe: every method locks this object.
 */
final class EmulatedSlave {
    private final ModbusThermometerSettings map;
    private final double clearAboveAmbientC;
    private final Deque<byte[]> garbage = new ArrayDeque<>();
    private int slave;
    private int addressRegister = ModbusThermometerSettings.NO_REGISTER;
    private double ambientC;
    private Double aimedC;
    private boolean sensorError;
    private boolean silent;
    private int dropReplies;
    private int badCrcReplies;
    private int truncatedReplies;
    private int exceptionReplies;
    private int exceptionCode;
    private int wrongSlaveReplies;
    private int wrongSlave;

    EmulatedSlave(ModbusThermometerSettings map, double ambientC, double clearAboveAmbientC) {
        this.map = map;
        this.slave = map.slave();
        this.ambientC = ambientC;
        this.clearAboveAmbientC = clearAboveAmbientC;
    }

    synchronized void aim(double objectC) {
        map.toWord(objectC); // fails now, not at the next poll, if the map cannot encode it
        aimedC = objectC;
    }

    synchronized void clear() {
        aimedC = null;
    }

    synchronized void setAmbient(double c) {
        map.toWord(c);
        map.toWord(c + clearAboveAmbientC);
        ambientC = c;
    }

    synchronized void setSlave(int address) {
        requireUnicast(address);
        slave = address;
    }

    synchronized int slave() {
        return slave;
    }

    synchronized void acceptAddressChangesAt(int register) {
        addressRegister = register;
    }

    synchronized void setSensorError(boolean on) {
        if (on && !map.hasStatus()) {
            throw new IllegalStateException("the register map has no status register");
        }
        sensorError = on;
    }

    synchronized void silence(boolean on) {
        silent = on;
    }

    synchronized void dropReplies(int n) {
        dropReplies += nonNegative(n);
    }

    synchronized void injectBadCrc(int n) {
        badCrcReplies += nonNegative(n);
    }

    synchronized void injectTruncated(int n) {
        truncatedReplies += nonNegative(n);
    }

    synchronized void injectException(int code, int n) {
        if (code < 1 || code > 0xFF) {
            throw new IllegalArgumentException("exception code must be 1..255: " + code);
        }
        exceptionCode = code;
        exceptionReplies = nonNegative(n);
    }

    synchronized void replyAsSlave(int otherSlave, int n) {
        requireUnicast(otherSlave);
        wrongSlave = otherSlave;
        wrongSlaveReplies = nonNegative(n);
    }

    synchronized void injectGarbage(byte[] bytes) {
        garbage.add(bytes.clone());
    }

    /**
     * What to send for one request: pending garbage, then the reply bytes with any armed fault applied.
     *
     * @param reply null for a request to another slave, a broadcast that is not an address change, or a reply
     *              swallowed by a fault
     */
    record Answer(List<byte[]> garbage, byte[] reply) {
        static final Answer NONE = new Answer(List.of(), null);

        boolean isEmpty() {
            return garbage.isEmpty() && reply == null;
        }
    }

    /** The answer to {@code request}; consumes pending garbage and one use of each armed fault it applies. */
    synchronized Answer answer(ModbusRequest request) {
        if (request.slave() != slave && request.slave() != BROADCAST_ADDRESS) {
            return Answer.NONE;
        }
        List<byte[]> noise = List.copyOf(garbage);
        garbage.clear();
        ModbusResponse reply = reply(request);
        if (reply == null || silent) {
            return new Answer(noise, null);
        }
        if (dropReplies > 0) {
            dropReplies--;
            return new Answer(noise, null);
        }
        if (exceptionReplies > 0) {
            exceptionReplies--;
            reply = new ModbusResponse.ExceptionReply(reply.slave(), request.function(), exceptionCode);
        }
        if (wrongSlaveReplies > 0) {
            wrongSlaveReplies--;
            reply = fromSlave(reply, wrongSlave);
        }
        byte[] bytes = ModbusRtuCodec.encode(reply);
        if (badCrcReplies > 0) {
            badCrcReplies--;
            bytes[bytes.length - 1] ^= (byte) 0xFF;
        } else if (truncatedReplies > 0) {
            truncatedReplies--;
            bytes = Arrays.copyOf(bytes, bytes.length / 2);
        }
        return new Answer(noise, bytes);
    }

    /** The correct reply; null when none is due (broadcasts are answered only for an address change). */
    private ModbusResponse reply(ModbusRequest request) {
        boolean broadcast = request.slave() == BROADCAST_ADDRESS;
        ModbusResponse reply = switch (request) {
            case ModbusRequest.ReadHoldingRegisters r -> broadcast ? null : read(r);
            case ModbusRequest.WriteSingleRegister w -> write(w);
            case ModbusRequest.Other o -> broadcast ? null : exception(o.function(), ModbusRtuCodec.ILLEGAL_FUNCTION);
        };
        if (broadcast && reply instanceof ModbusResponse.ExceptionReply) {
            return null;
        }
        return reply;
    }

    private ModbusResponse read(ModbusRequest.ReadHoldingRegisters r) {
        if (r.quantity() < 1 || r.quantity() > ModbusRtuCodec.MAX_READ_QUANTITY) {
            return exception(r.function(), ModbusRtuCodec.ILLEGAL_DATA_VALUE);
        }
        int first = map.firstRegister();
        if (r.start() < first || r.start() + r.quantity() > first + map.registerCount()) {
            return exception(r.function(), ModbusRtuCodec.ILLEGAL_DATA_ADDRESS);
        }
        List<Integer> values = new ArrayList<>(r.quantity());
        for (int register = r.start(); register < r.start() + r.quantity(); register++) {
            values.add(value(register));
        }
        return new ModbusResponse.Registers(slave, values);
    }

    /** MQ485A-style: a write to the address register (broadcast allowed) moves the slave and is echoed as received. */
    private ModbusResponse write(ModbusRequest.WriteSingleRegister w) {
        if (addressRegister == ModbusThermometerSettings.NO_REGISTER || w.register() != addressRegister) {
            return exception(w.function(), ModbusRtuCodec.ILLEGAL_DATA_ADDRESS);
        }
        if (w.value() < ModbusRtuCodec.MIN_SLAVE_ADDRESS || w.value() > ModbusRtuCodec.MAX_SLAVE_ADDRESS) {
            return exception(w.function(), ModbusRtuCodec.ILLEGAL_DATA_VALUE);
        }
        slave = w.value();
        return new ModbusResponse.WriteEcho(w.slave(), w.register(), w.value());
    }

    private int value(int register) {
        if (register == map.objectRegister()) {
            return map.toWord(aimedC != null ? aimedC : ambientC + clearAboveAmbientC);
        }
        if (register == map.ambientRegister()) {
            return map.toWord(ambientC);
        }
        if (register == map.statusRegister()) {
            return sensorError ? Integer.lowestOneBit(map.statusErrorMask()) : 0;
        }
        return 0;
    }

    private ModbusResponse.ExceptionReply exception(int function, int code) {
        return new ModbusResponse.ExceptionReply(slave, function, code);
    }

    private static ModbusResponse fromSlave(ModbusResponse reply, int address) {
        return switch (reply) {
            case ModbusResponse.Registers r -> new ModbusResponse.Registers(address, r.values());
            case ModbusResponse.WriteEcho w -> new ModbusResponse.WriteEcho(address, w.register(), w.value());
            case ModbusResponse.ExceptionReply e -> new ModbusResponse.ExceptionReply(address, e.function(), e.code());
        };
    }

    private static void requireUnicast(int address) {
        if (address < ModbusRtuCodec.MIN_SLAVE_ADDRESS || address > ModbusRtuCodec.MAX_SLAVE_ADDRESS) {
            throw new IllegalArgumentException("slave address must be 1..247: " + address);
        }
    }

    private static int nonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("reply count must not be negative: " + n);
        }
        return n;
    }
}
