package org.gatepost.agent.device.thermometer;

import static org.gatepost.agent.device.thermometer.GyMcuCodec.COMMAND_HEADER;
import static org.gatepost.agent.device.thermometer.GyMcuCodec.COMMAND_LENGTH;

import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;

/**
 * Decodes host commands {@code A5 CMD SUM} (device role). Malformed reasons: {@code bad-header} (the
 * window does not start with {@code A5}) and {@code bad-checksum}; the skip goes to the next {@code A5}.
 */
final class GyMcuCommandDecoder implements FrameDecoder<GyMcuCommand> {

    @Override
    public DecodeResult<GyMcuCommand> decode(byte[] buffer, int offset, int length) {
        if (length < 1) {
            return DecodeResult.needMore(COMMAND_LENGTH);
        }
        if ((buffer[offset] & 0xFF) != COMMAND_HEADER) {
            return DecodeResult.malformed("bad-header", skipToHeader(buffer, offset, length));
        }
        if (length < COMMAND_LENGTH) {
            return DecodeResult.needMore(COMMAND_LENGTH);
        }
        int code = buffer[offset + 1] & 0xFF;
        if ((buffer[offset + 2] & 0xFF) != GyMcuCodec.checksum(buffer, offset, 2)) {
            return DecodeResult.malformed("bad-checksum", skipToHeader(buffer, offset, length));
        }
        return DecodeResult.frame(new GyMcuCommand(code), COMMAND_LENGTH);
    }

    private static int skipToHeader(byte[] buffer, int offset, int length) {
        for (int i = 1; i < length; i++) {
            if ((buffer[offset + i] & 0xFF) == COMMAND_HEADER) {
                return i;
            }
        }
        return length;
    }
}
