package org.gatepost.agent.device.thermometer;

import static org.gatepost.agent.device.thermometer.GyMcuCodec.FRAME_DATA_LENGTH;
import static org.gatepost.agent.device.thermometer.GyMcuCodec.FRAME_HEADER;
import static org.gatepost.agent.device.thermometer.GyMcuCodec.FRAME_LENGTH;
import static org.gatepost.agent.device.thermometer.GyMcuCodec.FRAME_TYPE_TEMPERATURE;

import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;

/**
 * Decodes {@code 5A 5A 45 04 TOh TOl TAh TAl SUM}. Malformed reasons: {@code bad-header} (the window does
 * not start with {@code 5A 5A}), {@code bad-type}, {@code bad-length}, {@code bad-checksum}.
 *
 * <p>After a malformed frame the skip goes to the next offset where a frame could still start (its
 * available bytes match the fixed {@code 5A 5A 45 04} prefix), so a corrupted or truncated frame counts
 * once rather than once per byte; no offset that could start a valid frame is ever skipped.
 */
final class TemperatureFrameDecoder implements FrameDecoder<TemperatureFrame> {
    private static final byte[] FIXED_PREFIX = {
        (byte) FRAME_HEADER, (byte) FRAME_HEADER, (byte) FRAME_TYPE_TEMPERATURE, (byte) FRAME_DATA_LENGTH
    };

    @Override
    public DecodeResult<TemperatureFrame> decode(byte[] buffer, int offset, int length) {
        if (length < 1) {
            return DecodeResult.needMore(FRAME_LENGTH);
        }
        int matched = matchedPrefix(buffer, offset, length);
        if (matched < Math.min(length, FIXED_PREFIX.length)) {
            String reason = switch (matched) {
                case 0, 1 -> "bad-header";
                case 2 -> "bad-type";
                default -> "bad-length";
            };
            return DecodeResult.malformed(reason, skipToCandidate(buffer, offset, length));
        }
        if (length < FRAME_LENGTH) {
            return DecodeResult.needMore(FRAME_LENGTH);
        }
        int expected = GyMcuCodec.checksum(buffer, offset, FRAME_LENGTH - 1);
        if ((buffer[offset + FRAME_LENGTH - 1] & 0xFF) != expected) {
            return DecodeResult.malformed("bad-checksum", skipToCandidate(buffer, offset, length));
        }
        return DecodeResult.frame(
                new TemperatureFrame(int16(buffer, offset + 4), int16(buffer, offset + 6)), FRAME_LENGTH);
    }

    private static int matchedPrefix(byte[] buffer, int offset, int length) {
        int n = Math.min(length, FIXED_PREFIX.length);
        for (int i = 0; i < n; i++) {
            if (buffer[offset + i] != FIXED_PREFIX[i]) {
                return i;
            }
        }
        return n;
    }

    private static int skipToCandidate(byte[] buffer, int offset, int length) {
        for (int i = 1; i < length; i++) {
            int rest = length - i;
            if (matchedPrefix(buffer, offset + i, rest) == Math.min(rest, FIXED_PREFIX.length)) {
                return i;
            }
        }
        return length;
    }

    private static int int16(byte[] buffer, int at) {
        return (short) (((buffer[at] & 0xFF) << 8) | (buffer[at + 1] & 0xFF));
    }
}
