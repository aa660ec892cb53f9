package org.gatepost.agent.device.rfid;

import java.nio.charset.StandardCharsets;
import org.gatepost.agent.device.codec.FrameDecoder;

/**
 * Byte-level codec of the RDM6300 125 kHz (EM4100) UART reader, in both roles: the agent decodes the
 * reader's frames, the simulator encodes them. Format, settings and fault handling are documented in
 * {@code docs/protocols/rfid-rdm6300.md} (repository root).
 *
 * <pre>
 * 02 | 10 ASCII hex: VV TT TT TT TT | 2 ASCII hex: XOR of the 5 data bytes | 03
 * </pre>
 *
 * {@code VV} is the version (customer) byte, {@code TT..} the 32-bit tag id, big-endian. The reader only
 * sends; it repeats the frame continuously while a tag is in the field. Stateless; every member is safe
 * for concurrent use.
 */
public final class Rdm6300Codec {
    /** Start of every frame. */
    public static final int STX = 0x02;
    /** End of every frame. */
    public static final int ETX = 0x03;
    /** Total frame length in bytes: STX, 10 hex data characters, 2 hex checksum characters, ETX. */
    public static final int FRAME_LENGTH = 14;
    /** Data bytes carried in a frame (version + 4-byte tag id); each travels as two hex characters. */
    public static final int DATA_BYTES = 5;
    /** Index of the first checksum character. */
    static final int CHECKSUM_INDEX = 1 + 2 * DATA_BYTES;
    /** Index of the ETX byte. */
    static final int ETX_INDEX = FRAME_LENGTH - 1;
    /** The module's fixed UART speed, 8N1. */
    public static final int BAUD = 9600;
    /** Largest tag id: 32 bits, unsigned. */
    public static final long MAX_TAG_ID = 0xFFFF_FFFFL;

    private static final byte[] HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final FrameDecoder<Rdm6300Frame> DECODER = new Rdm6300FrameDecoder();

    private Rdm6300Codec() {}

    /** Decodes reader-to-host frames (host role). */
    public static FrameDecoder<Rdm6300Frame> decoder() {
        return DECODER;
    }

    /** The 14-byte frame for {@code frame}, hex in upper case as the module sends it (device role). */
    public static byte[] encode(Rdm6300Frame frame) {
        byte[] data = frame.dataBytes();
        byte[] out = new byte[FRAME_LENGTH];
        out[0] = STX;
        for (int i = 0; i < DATA_BYTES; i++) {
            putHex(out, 1 + 2 * i, data[i] & 0xFF);
        }
        putHex(out, CHECKSUM_INDEX, checksum(data));
        out[ETX_INDEX] = ETX;
        return out;
    }

    /** The 14-byte frame for a tag; {@code version} 0..255, {@code tagId} 0..{@value #MAX_TAG_ID}. */
    public static byte[] encode(int version, long tagId) {
        return encode(new Rdm6300Frame(version, tagId));
    }

    /** XOR of the given data bytes, as 0..255. */
    public static int checksum(byte[] data) {
        int x = 0;
        for (byte b : data) {
            x ^= b & 0xFF;
        }
        return x;
    }

    /** Writes {@code value} (0..255) as two upper-case hex characters at {@code at}. */
    static void putHex(byte[] out, int at, int value) {
        out[at] = HEX_DIGITS[(value >>> 4) & 0xF];
        out[at + 1] = HEX_DIGITS[value & 0xF];
    }

    /** The value of one ASCII hex character (either case), or -1. */
    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
