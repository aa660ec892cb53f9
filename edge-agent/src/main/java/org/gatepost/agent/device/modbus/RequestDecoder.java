package org.gatepost.agent.device.modbus;

import static org.gatepost.agent.device.modbus.ModbusRtuCodec.FIXED_FRAME_LENGTH;
import static org.gatepost.agent.device.modbus.ModbusRtuCodec.FN_READ_HOLDING_REGISTERS;
import static org.gatepost.agent.device.modbus.ModbusRtuCodec.FN_WRITE_SINGLE_REGISTER;
import static org.gatepost.agent.device.modbus.ModbusRtuCodec.MAX_SLAVE_ADDRESS;

import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;

/**
 * Decodes master requests of functions 01 to 06 (8 bytes each), slave role. Malformed reasons:
 * {@code bad-header} (address above 247), {@code unsupported-function} (not 01..06: variable-length requests
 * such as 0x10 are not framed) and {@code bad-crc}; the skip goes to the next offset where a request could start.
 */
final class RequestDecoder implements FrameDecoder<ModbusRequest> {

    @Override
    public DecodeResult<ModbusRequest> decode(byte[] buffer, int offset, int length) {
        if (length < 1) {
            return DecodeResult.needMore(FIXED_FRAME_LENGTH);
        }
        String problem = headerProblem(buffer, offset, length);
        if (problem != null) {
            return DecodeResult.malformed(problem, skipToCandidate(buffer, offset, length));
        }
        if (length < FIXED_FRAME_LENGTH) {
            return DecodeResult.needMore(FIXED_FRAME_LENGTH);
        }
        if (!Crc16Modbus.matches(buffer, offset, FIXED_FRAME_LENGTH)) {
            return DecodeResult.malformed("bad-crc", skipToCandidate(buffer, offset, length));
        }
        int slave = buffer[offset] & 0xFF;
        int function = buffer[offset + 1] & 0xFF;
        int first = ModbusRtuCodec.word(buffer, offset + 2);
        int second = ModbusRtuCodec.word(buffer, offset + 4);
        ModbusRequest request = switch (function) {
            case FN_READ_HOLDING_REGISTERS -> new ModbusRequest.ReadHoldingRegisters(slave, first, second);
            case FN_WRITE_SINGLE_REGISTER -> new ModbusRequest.WriteSingleRegister(slave, first, second);
            default -> new ModbusRequest.Other(slave, function, first, second);
        };
        return DecodeResult.frame(request, FIXED_FRAME_LENGTH);
    }

    private static String headerProblem(byte[] buffer, int offset, int length) {
        if ((buffer[offset] & 0xFF) > MAX_SLAVE_ADDRESS) {
            return "bad-header";
        }
        if (length < 2) {
            return null;
        }
        int function = buffer[offset + 1] & 0xFF;
        boolean known = function == FN_READ_HOLDING_REGISTERS
                || function == FN_WRITE_SINGLE_REGISTER
                || ModbusRtuCodec.isOtherFixedLengthFunction(function);
        return known ? null : "unsupported-function";
    }

    private static int skipToCandidate(byte[] buffer, int offset, int length) {
        for (int i = 1; i < length; i++) {
            if (headerProblem(buffer, offset + i, length - i) == null) {
                return i;
            }
        }
        return length;
    }
}
