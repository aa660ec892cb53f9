package org.gatepost.agent.device.codec;

/**
 * Decodes one frame from the start of a byte window. Implementations are stateless and safe for
 * concurrent use; they never throw for any input and never read outside {@code [offset, offset+length)}.
 * They check a frame's declared length against the protocol maximum before reading its body.
 */
@FunctionalInterface
public interface FrameDecoder<T> {
    DecodeResult<T> decode(byte[] buffer, int offset, int length);
}
