package org.gatepost.agent.device.modbus;

import java.util.List;

/** A reply from a slave, as framed by {@link ModbusRtuCodec}. Immutable records. */
public sealed interface ModbusResponse {

    /** The slave address the reply carries: 1..247, or 0 for an echo of a broadcast write. */
    int slave();

    /** Function 03 reply: the register values read, each 0..0xFFFF, 1 to 125 of them. */
    record Registers(int slave, List<Integer> values) implements ModbusResponse {
        public Registers {
            ModbusRtuCodec.requireSlaveOrBroadcast(slave);
            values = List.copyOf(values);
            if (values.isEmpty() || values.size() > ModbusRtuCodec.MAX_READ_QUANTITY) {
                throw new IllegalArgumentException(
                        "values must hold 1.." + ModbusRtuCodec.MAX_READ_QUANTITY + " registers: " + values.size());
            }
            for (int v : values) {
                ModbusRtuCodec.requireWord("register value", v);
            }
        }

        /** The value of the {@code index}-th register read (0 = the request's start register). */
        public int value(int index) {
            return values.get(index);
        }
    }

    /** Function 06 reply: the echo of the write. */
    record WriteEcho(int slave, int register, int value) implements ModbusResponse {
        public WriteEcho {
            ModbusRtuCodec.requireSlaveOrBroadcast(slave);
            ModbusRtuCodec.requireWord("register", register);
            ModbusRtuCodec.requireWord("value", value);
        }
    }

    /**
     * Exception reply: function code {@code function | 0x80} on the wire, then {@code code} (01 illegal
     * function, 02 illegal data address, 03 illegal data value, 04 device failure; other non-zero codes pass).
     *
     * @param function the function of the refused request, without the 0x80 flag
     */
    record ExceptionReply(int slave, int function, int code) implements ModbusResponse {
        public ExceptionReply {
            ModbusRtuCodec.requireSlaveOrBroadcast(slave);
            if (function < 1 || function >= ModbusRtuCodec.EXCEPTION_FLAG) {
                throw new IllegalArgumentException("function must be 1..127: " + function);
            }
            if (code < 1 || code > 0xFF) {
                throw new IllegalArgumentException("exception code must be 1..255: " + code);
            }
        }

        /** The counter and log token for this reply, e.g. {@code exception-02}. */
        public String reason() {
            return String.format("exception-%02x", code);
        }
    }
}
