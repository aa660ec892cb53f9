package org.gatepost.agent.device.modbus;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.modbus.ModbusRequest.ReadHoldingRegisters;
import org.gatepost.agent.device.modbus.ModbusResponse.ExceptionReply;
import org.gatepost.agent.device.modbus.ModbusResponse.Registers;
import org.gatepost.agent.testing.Fuzz;
import org.junit.jupiter.api.Test;

class ModbusFuzzTest {
    private static final int MIN_RANDOM_BYTES = 1_000_000;
    private static final ReadHoldingRegisters POLL = new ReadHoldingRegisters(1, 0, 8);

    @Test
    void findsEveryGoodReplyInterleavedWithAMillionRandomBytesAndNeverThrows() {
        SplittableRandom random = new SplittableRandom(0x4B37L);
        Fuzz.Interleaved<ModbusResponse> fuzz = Fuzz.interleave(
                random,
                MIN_RANDOM_BYTES,
                (noise, r) -> {
                    if (r.nextInt(3) == 0) plantNearMisses(noise, r);
                },
                index -> goodReply(index, random),
                ModbusRtuCodec::encode);
        Fuzz.assertFindsEveryGoodFrame(
                fuzz,
                MIN_RANDOM_BYTES,
                new FrameReader<>(ModbusRtuCodec.responseDecoder(POLL), ModbusRtuCodec.MAX_FRAME_LENGTH),
                random,
                ModbusRtuCodec.MAX_FRAME_LENGTH,
                "replies");
    }

    @Test
    void decodersAnswerEveryRandomWindowWithinItsBounds() {
        SplittableRandom random = new SplittableRandom(7);
        List<FrameDecoder<?>> decoders = List.of(
                ModbusRtuCodec.responseDecoder(POLL),
                ModbusRtuCodec.responseDecoder(new ModbusRequest.WriteSingleRegister(0, 0, 2)),
                ModbusRtuCodec.requestDecoder());
        byte[] buffer = new byte[300];

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 200_000; i++) {
                random.nextBytes(buffer);
                if (random.nextBoolean()) {
                    buffer[1] = (byte) (random.nextBoolean() ? 0x03 : 0x83);
                }
                int length = random.nextInt(0, 260);
                int offset = random.nextInt(0, buffer.length - length + 1);
                for (FrameDecoder<?> decoder : decoders) {
                    switch (decoder.decode(buffer, offset, length)) {
                        case DecodeResult.Frame<?> f -> assertTrue(f.length() <= length);
                        case DecodeResult.NeedMore<?> m ->
                            assertTrue(m.atLeast() > length && m.atLeast() <= ModbusRtuCodec.MAX_FRAME_LENGTH);
                        case DecodeResult.Malformed<?> m -> assertTrue(m.skip() <= Math.max(1, length));
                    }
                }
            }
        });
    }

    /** Distinct per index (register 0 carries it), so a reply conjured out of noise cannot stand in for it. */
    private static ModbusResponse goodReply(int index, SplittableRandom random) {
        if (index % 10 == 9) {
            return new ExceptionReply(1, 3, 1 + (index / 10) % 11);
        }
        List<Integer> values = new ArrayList<>(8);
        values.add(index % 0x10000);
        for (int i = 1; i < 8; i++) {
            values.add(random.nextInt(0x10000));
        }
        return new Registers(1, values);
    }

    /** Plants reply headers and exception starts in the noise, so near misses and long waits are exercised. */
    private static void plantNearMisses(byte[] noise, SplittableRandom random) {
        byte[][] starts = {{0x01, 0x03, 0x10}, {0x01, (byte) 0x83}, {0x05, 0x03, 0x10, 0x00}, {0x01, 0x03}};
        for (int k = 0; k < 3 && noise.length > 8; k++) {
            byte[] s = starts[random.nextInt(starts.length)];
            System.arraycopy(s, 0, noise, random.nextInt(noise.length - s.length), s.length);
        }
    }
}
