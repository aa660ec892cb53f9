package org.gatepost.simulator.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gatepost.agent.device.idcard.SamCodec;
import org.gatepost.agent.device.idcard.SamStatus;
import org.gatepost.agent.device.modbus.ModbusResponse;
import org.gatepost.agent.device.modbus.ModbusRtuCodec;
import org.gatepost.agent.device.rfid.Rdm6300Codec;
import org.gatepost.agent.device.thermometer.GyMcuCodec;
import org.gatepost.agent.device.wiegand.WiegandFormat;

/**
 * The input of figure 7's decoder benchmarks: what each device sends, as the agent's drivers read it,
 * {@link #FRAMES} frames (or lines) per benchmark operation. Deterministic, so the suite can compute bytes
 * and frames per operation without running the benchmark.
 */
final class DecoderStreams {
    /** Frames per benchmark operation (for the SAM reader: 3 responses per card × {@value #CARDS} cards). */
    static final int FRAMES = 192;

    static final int CARDS = FRAMES / 3;
    /** A QR code of an entry pass: 40 characters, then CR. */
    static final int QR_CODE_CHARS = 40;
    /** Base message: 4 bytes of lengths, 256 bytes of text, 1024 bytes of photo. */
    static final int BASE_MESSAGE_BYTES = 4 + 256 + 1024;
    /** Wiegand: 1 ms from one bit to the next, the fastest common reader timing; 25 ms of silence ends a frame. */
    static final long WIEGAND_BIT_NANOS = 1_000_000;

    private DecoderStreams() {}

    static byte[] gyMcu() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            b.writeBytes(GyMcuCodec.encodeFrame(3550 + i % 100, 2500 + i % 7));
        }
        return b.toByteArray();
    }

    static byte[] sam() {
        byte[] base = new byte[BASE_MESSAGE_BYTES];
        for (int i = 0; i < base.length; i++) { // never the preamble's AA
            base[i] = (byte) (i % 0x7F);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < CARDS; i++) {
            b.writeBytes(SamCodec.response(SamStatus.FIND_SUCCESS.code(), new byte[4]));
            b.writeBytes(SamCodec.response(SamStatus.SUCCESS.code(), new byte[8]));
            b.writeBytes(SamCodec.response(SamStatus.SUCCESS.code(), base));
        }
        return b.toByteArray();
    }

    /** Replies to the thermometer poll: two holding registers (object and ambient, 0.01 °C). */
    static byte[] modbus() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            b.writeBytes(ModbusRtuCodec.encode(new ModbusResponse.Registers(1, List.of(3650 + i % 50, 2500))));
        }
        return b.toByteArray();
    }

    static byte[] rdm6300() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            b.writeBytes(Rdm6300Codec.encode(0x1A, 0x00C0_FFEEL + i));
        }
        return b.toByteArray();
    }

    static byte[] qrLines() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            String code = String.format("GP1-%036d", i);
            b.writeBytes(code.substring(0, QR_CODE_CHARS).getBytes(StandardCharsets.US_ASCII));
            b.write('\r');
        }
        return b.toByteArray();
    }

    /** Wiegand 26 frames as bits, most significant first (facility 12, cards 1000…). */
    static long[] wiegandFrames() {
        long[] frames = new long[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = WiegandFormat.W26.encode(12, 1000 + i);
        }
        return frames;
    }
}
