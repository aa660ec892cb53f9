package org.gatepost.agent.device.modbus;

/**
 * A request from the master (the agent) to a slave, as framed by {@link ModbusRtuCodec}. Immutable records.
 *
 * <p>Fields are checked only against their width on the wire, so a device-role decoder can represent a
 * request that a slave must refuse (a quantity of 0, say, which it answers with exception 03). The agent's
 * own requests come from {@link ModbusThermometerSettings}, which enforces the protocol limits.
 */
public sealed interface ModbusRequest {

    /** Slave address, 0 (broadcast) to 247. */
    int slave();

    /** Function code on the wire. */
    int function();

    /** Function 03: read {@code quantity} holding registers from {@code start}. */
    record ReadHoldingRegisters(int slave, int start, int quantity) implements ModbusRequest {
        public ReadHoldingRegisters {
            ModbusRtuCodec.requireSlaveOrBroadcast(slave);
            ModbusRtuCodec.requireWord("start", start);
            ModbusRtuCodec.requireWord("quantity", quantity);
        }

        @Override
        public int function() {
            return ModbusRtuCodec.FN_READ_HOLDING_REGISTERS;
        }
    }

    /** Function 06: write {@code value} to {@code register}; the slave echoes the request. */
    record WriteSingleRegister(int slave, int register, int value) implements ModbusRequest {
        public WriteSingleRegister {
            ModbusRtuCodec.requireSlaveOrBroadcast(slave);
            ModbusRtuCodec.requireWord("register", register);
            ModbusRtuCodec.requireWord("value", value);
        }

        @Override
        public int function() {
            return ModbusRtuCodec.FN_WRITE_SINGLE_REGISTER;
        }
    }

    /**
     * Another 8-byte request (functions 01, 02, 04, 05: two 16-bit fields), framed but not interpreted, so a
     * slave can answer it with exception 01 (illegal function).
     */
    record Other(int slave, int function, int first, int second) implements ModbusRequest {
        public Other {
            ModbusRtuCodec.requireSlaveOrBroadcast(slave);
            if (!ModbusRtuCodec.isOtherFixedLengthFunction(function)) {
                throw new IllegalArgumentException("function must be 01, 02, 04 or 05: " + function);
            }
            ModbusRtuCodec.requireWord("first", first);
            ModbusRtuCodec.requireWord("second", second);
        }
    }
}
