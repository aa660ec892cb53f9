package org.gatepost.agent.device.idcard;

import java.util.Arrays;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;

/**
 * Framing of the resident-ID-card SAM serial protocol, in both roles (the agent's driver and the simulator's
 * emulator share it). The format is documented in {@code docs/protocols/id-card-sam.md}:
 *
 * <pre>
 * AA AA AA 96 69 | LEN (2, BE) | payload (LEN-1) | CHK
 * </pre>
 *
 * LEN counts the bytes after it, CHK included; CHK is the XOR of the two LEN bytes and every payload byte.
 * A command payload is {@code CMD PARA [data]} ({@link SamCommand}); a response payload is
 * {@code SW1 SW2 SW3 [data]} with SW1 = SW2 = 00 and SW3 a {@link SamStatus}.
 *
 * <p>{@link #DECODER} only frames and checks CHK; what the payload means is the caller's business. It is
 * stateless and safe for concurrent use. Malformed reasons: {@code bad-preamble} (skips to the next byte that
 * could start a preamble), {@code bad-length} (LEN &lt; 2), {@code oversize} (LEN &gt; {@link #MAX_LEN},
 * rejected before the body arrives), {@code bad-checksum}. The last three skip one byte, so a frame hidden
 * behind a corrupt header is still found.
 */
public final class SamCodec {
    /** Start marker of every frame. */
    private static final byte[] PREAMBLE = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96, (byte) 0x69};

    public static final int PREAMBLE_LENGTH = PREAMBLE.length;
    /** Preamble plus the two LEN bytes. */
    public static final int HEADER_LENGTH = PREAMBLE_LENGTH + 2;
    /** Smallest LEN: one payload byte plus CHK. */
    public static final int MIN_LEN = 2;
    /** Largest LEN accepted; the biggest real response (base message + fingerprint) is 2314. */
    public static final int MAX_LEN = 4096;
    /** Largest whole frame, for sizing a {@code FrameReader}. */
    public static final int MAX_FRAME_LENGTH = HEADER_LENGTH + MAX_LEN;
    /** SW1 and SW2 of every response. */
    public static final int SW1 = 0x00;

    public static final int SW2 = 0x00;

    public static final FrameDecoder<SamFrame> DECODER = SamCodec::decode;

    private SamCodec() {}

    /** A fresh copy of the preamble {@code AA AA AA 96 69}. */
    public static byte[] preamble() {
        return PREAMBLE.clone();
    }

    /** The frame of a data-less command, e.g. {@code command(0x20, 0x01)} = find card. */
    public static byte[] command(int cmd, int para) {
        return frame(new byte[] {(byte) cmd, (byte) para});
    }

    /** The frame of a response {@code 00 00 sw3 data}. */
    public static byte[] response(int sw3, byte[] data) {
        byte[] payload = new byte[3 + data.length];
        payload[0] = SW1;
        payload[1] = SW2;
        payload[2] = (byte) sw3;
        System.arraycopy(data, 0, payload, 3, data.length);
        return frame(payload);
    }

    /** The frame of a data-less response. */
    public static byte[] response(int sw3) {
        return response(sw3, new byte[0]);
    }

    /**
     * Wraps {@code payload} in preamble, LEN and CHK.
     *
     * @throws IllegalArgumentException if the payload is empty or longer than {@code MAX_LEN - 1}
     */
    public static byte[] frame(byte[] payload) {
        int len = payload.length + 1;
        if (len < MIN_LEN || len > MAX_LEN) {
            throw new IllegalArgumentException("payload length out of range: " + payload.length);
        }
        byte[] out = new byte[HEADER_LENGTH + len];
        System.arraycopy(PREAMBLE, 0, out, 0, PREAMBLE_LENGTH);
        out[5] = (byte) (len >>> 8);
        out[6] = (byte) len;
        System.arraycopy(payload, 0, out, HEADER_LENGTH, payload.length);
        out[out.length - 1] = checksum(out, PREAMBLE_LENGTH, out.length - 1);
        return out;
    }

    /** XOR of {@code b[from, to)}. */
    static byte checksum(byte[] b, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= b[i];
        }
        return (byte) x;
    }

    static DecodeResult<SamFrame> decode(byte[] b, int off, int len) {
        int seen = Math.min(len, PREAMBLE_LENGTH);
        for (int i = 0; i < seen; i++) {
            if (b[off + i] != PREAMBLE[i]) {
                return DecodeResult.malformed("bad-preamble", nextCandidate(b, off, len));
            }
        }
        if (len < HEADER_LENGTH) {
            return DecodeResult.needMore(HEADER_LENGTH);
        }
        int frameLen = ((b[off + 5] & 0xFF) << 8) | (b[off + 6] & 0xFF);
        if (frameLen < MIN_LEN) {
            return DecodeResult.malformed("bad-length", 1);
        }
        if (frameLen > MAX_LEN) {
            return DecodeResult.malformed("oversize", 1);
        }
        int total = HEADER_LENGTH + frameLen;
        if (len < total) {
            return DecodeResult.needMore(total);
        }
        if (checksum(b, off + PREAMBLE_LENGTH, off + total - 1) != b[off + total - 1]) {
            return DecodeResult.malformed("bad-checksum", 1);
        }
        return DecodeResult.frame(new SamFrame(Arrays.copyOfRange(b, off + HEADER_LENGTH, off + total - 1)), total);
    }

    /** Bytes to drop so that the window starts at the next AA (the only byte a preamble starts with). */
    private static int nextCandidate(byte[] b, int off, int len) {
        for (int i = 1; i < len; i++) {
            if (b[off + i] == PREAMBLE[0]) {
                return i;
            }
        }
        return len;
    }
}
