package org.gatepost.agent.device.rfid;

import static org.gatepost.agent.device.rfid.Rdm6300Codec.CHECKSUM_INDEX;
import static org.gatepost.agent.device.rfid.Rdm6300Codec.DATA_BYTES;
import static org.gatepost.agent.device.rfid.Rdm6300Codec.ETX;
import static org.gatepost.agent.device.rfid.Rdm6300Codec.ETX_INDEX;
import static org.gatepost.agent.device.rfid.Rdm6300Codec.FRAME_LENGTH;
import static org.gatepost.agent.device.rfid.Rdm6300Codec.STX;

import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;

/**
 * Decodes {@code 02 <10 hex> <2 hex> 03}. Malformed reasons, checked in this order: {@code bad-stx} (the
 * window does not start with {@code 02}), {@code bad-hex} (a byte among the 12 characters is not ASCII hex,
 * typically the {@code 02} of the next frame after a truncated one), {@code bad-etx}, {@code bad-checksum}.
 *
 * <p>Every malformed result skips to the next {@code 02} in the window (or all of it): only {@code 02} can
 * start a frame, and it is not a hex character, so a frame cut short is one bad frame and the frame behind
 * it is still found.
 */
final class Rdm6300FrameDecoder implements FrameDecoder<Rdm6300Frame> {

    @Override
    public DecodeResult<Rdm6300Frame> decode(byte[] buffer, int offset, int length) {
        if (length < 1) {
            return DecodeResult.needMore(FRAME_LENGTH);
        }
        if (buffer[offset] != STX) {
            return DecodeResult.malformed("bad-stx", nextStx(buffer, offset, length));
        }
        int hexSeen = Math.min(length, ETX_INDEX);
        for (int i = 1; i < hexSeen; i++) {
            if (Rdm6300Codec.hexValue(buffer[offset + i]) < 0) {
                return DecodeResult.malformed("bad-hex", nextStx(buffer, offset, length));
            }
        }
        if (length < FRAME_LENGTH) {
            return DecodeResult.needMore(FRAME_LENGTH);
        }
        if (buffer[offset + ETX_INDEX] != ETX) {
            return DecodeResult.malformed("bad-etx", nextStx(buffer, offset, length));
        }
        byte[] data = new byte[DATA_BYTES];
        for (int i = 0; i < DATA_BYTES; i++) {
            data[i] = (byte) hexByte(buffer, offset + 1 + 2 * i);
        }
        if (Rdm6300Codec.checksum(data) != hexByte(buffer, offset + CHECKSUM_INDEX)) {
            return DecodeResult.malformed("bad-checksum", nextStx(buffer, offset, length));
        }
        long tagId = ((data[1] & 0xFFL) << 24) | ((data[2] & 0xFF) << 16) | ((data[3] & 0xFF) << 8) | (data[4] & 0xFF);
        return DecodeResult.frame(new Rdm6300Frame(data[0] & 0xFF, tagId), FRAME_LENGTH);
    }

    private static int hexByte(byte[] buffer, int at) {
        return (Rdm6300Codec.hexValue(buffer[at]) << 4) | Rdm6300Codec.hexValue(buffer[at + 1]);
    }

    private static int nextStx(byte[] buffer, int offset, int length) {
        for (int i = 1; i < length; i++) {
            if (buffer[offset + i] == STX) {
                return i;
            }
        }
        return length;
    }
}
