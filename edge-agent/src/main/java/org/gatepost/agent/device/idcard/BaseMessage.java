package org.gatepost.agent.device.idcard;

/**
 * The data of a successful read-base-message response:
 * {@code textLen (2, BE) = 0x0100 | photoLen (2, BE) | text (256) | photo (photoLen)}. The photo is WLT
 * compressed, needs a licensed decoder, and the agent has no use for it: {@link #text} never copies it.
 * Stateless.
 */
public final class BaseMessage {
    /** Photo size every reader sends. */
    public static final int PHOTO_LENGTH = 1024;
    /** Data length of a standard read-base response: lengths, text and photo. */
    public static final int DATA_LENGTH = 4 + IdCardText.LENGTH + PHOTO_LENGTH;

    private BaseMessage() {}

    /** The response data for {@code text} (256 bytes) and {@code photo} (any length up to what LEN allows). */
    public static byte[] encode(byte[] text, byte[] photo) {
        if (text.length != IdCardText.LENGTH) {
            throw new IllegalArgumentException("text must be 256 bytes: " + text.length);
        }
        byte[] data = new byte[4 + text.length + photo.length];
        data[0] = (byte) (text.length >>> 8);
        data[1] = (byte) text.length;
        data[2] = (byte) (photo.length >>> 8);
        data[3] = (byte) photo.length;
        System.arraycopy(text, 0, data, 4, text.length);
        System.arraycopy(photo, 0, data, 4 + text.length, photo.length);
        return data;
    }

    /**
     * Decodes the text block of a {@code 90} response to read-base-message. The caller should
     * {@link SamFrame#wipe()} the frame afterwards.
     *
     * @throws SamProtocolException {@code bad-read-layout} if the lengths are not 256 and the rest of the frame
     */
    public static IdCardText.Fields text(SamFrame response) throws SamProtocolException {
        byte[] p = response.payload();
        int dataStart = 3;
        if (p.length < dataStart + 4) {
            throw new SamProtocolException("bad-read-layout");
        }
        int textLen = ((p[dataStart] & 0xFF) << 8) | (p[dataStart + 1] & 0xFF);
        int photoLen = ((p[dataStart + 2] & 0xFF) << 8) | (p[dataStart + 3] & 0xFF);
        if (textLen != IdCardText.LENGTH || p.length != dataStart + 4 + textLen + photoLen) {
            throw new SamProtocolException("bad-read-layout");
        }
        return IdCardText.decode(p, dataStart + 4);
    }
}
