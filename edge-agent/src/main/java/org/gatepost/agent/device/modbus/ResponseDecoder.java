package org.gatepost.agent.device.modbus;

import static org.gatepost.agent.device.modbus.ModbusRtuCodec.EXCEPTION_FLAG;
import static org.gatepost.agent.device.modbus.ModbusRtuCodec.EXCEPTION_FRAME_LENGTH;
import static org.gatepost.agent.device.modbus.ModbusRtuCodec.FIXED_FRAME_LENGTH;
import static org.gatepost.agent.device.modbus.ModbusRtuCodec.FN_READ_HOLDING_REGISTERS;
import static org.gatepost.agent.device.modbus.ModbusRtuCodec.MAX_SLAVE_ADDRESS;
import static org.gatepost.agent.device.modbus.ModbusRtuCodec.MIN_SLAVE_ADDRESS;
import static org.gatepost.agent.device.modbus.ModbusRtuCodec.REGISTERS_OVERHEAD;

import java.util.ArrayList;
import java.util.List;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;

/**
 * Decodes the reply to one request. A frame may start where the address is the expected slave or any unicast
 * address 1..247, the function is the request's or its exception form, and (when present) the third byte is
 * the expected byte count (function 03) or a non-zero exception code. Malformed reasons: {@code bad-header},
 * {@code bad-byte-count}, {@code bad-exception-code}, {@code bad-crc}.
 *
 * <p>Knowing the byte count keeps a stray {@code 03} in line noise from claiming up to 255 bytes and holding a
 * good reply hostage until the response timeout. After a malformed frame the skip goes to the next offset where
 * a frame could still start, so a corrupted reply counts once and no possible frame start is passed over.
 */
final class ResponseDecoder implements FrameDecoder<ModbusResponse> {
    private final int slave;
    private final int function;
    private final int byteCount;

    /** {@code byteCount} is used for function 03 only. */
    ResponseDecoder(int slave, int function, int byteCount) {
        this.slave = slave;
        this.function = function;
        this.byteCount = byteCount;
    }

    @Override
    public DecodeResult<ModbusResponse> decode(byte[] buffer, int offset, int length) {
        if (length < 1) {
            return DecodeResult.needMore(EXCEPTION_FRAME_LENGTH);
        }
        String problem = headerProblem(buffer, offset, length);
        if (problem != null) {
            return DecodeResult.malformed(problem, skipToCandidate(buffer, offset, length));
        }
        if (length < 2) {
            return DecodeResult.needMore(EXCEPTION_FRAME_LENGTH);
        }
        int frameLength = frameLength(buffer[offset + 1] & 0xFF);
        if (length < frameLength) {
            return DecodeResult.needMore(frameLength);
        }
        if (!Crc16Modbus.matches(buffer, offset, frameLength)) {
            return DecodeResult.malformed("bad-crc", skipToCandidate(buffer, offset, length));
        }
        return DecodeResult.frame(message(buffer, offset), frameLength);
    }

    /** Null when the first (up to three) bytes can start a reply, else the reason they cannot. */
    private String headerProblem(byte[] buffer, int offset, int length) {
        int address = buffer[offset] & 0xFF;
        if (address != slave && (address < MIN_SLAVE_ADDRESS || address > MAX_SLAVE_ADDRESS)) {
            return "bad-header";
        }
        if (length < 2) {
            return null;
        }
        int fn = buffer[offset + 1] & 0xFF;
        if (fn != function && fn != (function | EXCEPTION_FLAG)) {
            return "bad-header";
        }
        if (length < 3) {
            return null;
        }
        int third = buffer[offset + 2] & 0xFF;
        if (fn != function) {
            return third == 0 ? "bad-exception-code" : null;
        }
        if (function == FN_READ_HOLDING_REGISTERS && third != byteCount) {
            return "bad-byte-count";
        }
        return null;
    }

    private int frameLength(int fn) {
        if (fn != function) {
            return EXCEPTION_FRAME_LENGTH;
        }
        return function == FN_READ_HOLDING_REGISTERS ? REGISTERS_OVERHEAD + byteCount : FIXED_FRAME_LENGTH;
    }

    private ModbusResponse message(byte[] buffer, int offset) {
        int address = buffer[offset] & 0xFF;
        int fn = buffer[offset + 1] & 0xFF;
        if (fn != function) {
            return new ModbusResponse.ExceptionReply(address, function, buffer[offset + 2] & 0xFF);
        }
        if (function != FN_READ_HOLDING_REGISTERS) {
            return new ModbusResponse.WriteEcho(
                    address, ModbusRtuCodec.word(buffer, offset + 2), ModbusRtuCodec.word(buffer, offset + 4));
        }
        List<Integer> values = new ArrayList<>(byteCount / 2);
        for (int i = 0; i < byteCount; i += 2) {
            values.add(ModbusRtuCodec.word(buffer, offset + 3 + i));
        }
        return new ModbusResponse.Registers(address, values);
    }

    private int skipToCandidate(byte[] buffer, int offset, int length) {
        for (int i = 1; i < length; i++) {
            if (headerProblem(buffer, offset + i, length - i) == null) {
                return i;
            }
        }
        return length;
    }
}
