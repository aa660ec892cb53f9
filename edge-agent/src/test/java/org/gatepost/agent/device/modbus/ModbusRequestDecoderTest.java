package org.gatepost.agent.device.modbus;

import static org.gatepost.agent.testing.Bytes.concat;
import static org.gatepost.agent.testing.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.modbus.ModbusRequest.ReadHoldingRegisters;
import org.gatepost.agent.device.modbus.ModbusRequest.WriteSingleRegister;
import org.gatepost.agent.testing.Bytes;
import org.junit.jupiter.api.Test;

/** The slave-role decoder the emulators use. */
class ModbusRequestDecoderTest {
    private static final byte[] POLL = hex("01 03 00 00 00 08 44 0C");
    private final FrameDecoder<ModbusRequest> decoder = ModbusRtuCodec.requestDecoder();

    @Test
    void treatsEveryPrefixOfARequestAsNeedMore() {
        for (int n = 1; n < 8; n++) {
            assertEquals(DecodeResult.needMore(8), decoder.decode(POLL, 0, n), "prefix of " + n);
        }
    }

    @Test
    void rejectsABadCrc() {
        byte[] corrupt = POLL.clone();
        corrupt[7] = 0x0D;

        assertEquals("bad-crc", ((DecodeResult.Malformed<ModbusRequest>) decoder.decode(corrupt, 0, 8)).reason());
    }

    @Test
    void rejectsFunctionsItCannotFrame() {
        // write multiple registers (0x10) has a variable length: not framed, so not answered. The skip stops
        // at offset 4, where 00 01 could start a broadcast read-coils request.
        assertEquals(
                DecodeResult.malformed("unsupported-function", 4),
                decoder.decode(hex("01 10 00 00 00 01 02 00"), 0, 8));
    }

    @Test
    void rejectsAddressesAbove247() {
        assertEquals(DecodeResult.malformed("bad-header", 1), decoder.decode(concat(Bytes.of(0xF8), POLL), 0, 9));
    }

    @Test
    void decodesOtherFixedLengthFunctionsForAnIllegalFunctionAnswer() {
        byte[] readInput = ModbusRtuCodec.encode(new ModbusRequest.Other(1, 0x04, 0, 1));

        assertEquals(DecodeResult.frame(new ModbusRequest.Other(1, 0x04, 0, 1), 8), decoder.decode(readInput, 0, 8));
        assertArrayEquals(hex("01 04 00 00 00 01 31 CA"), readInput);
    }

    @Test
    void decodesRequestsAQuantityCheckWouldRefuseSoTheSlaveCanAnswerException03() {
        byte[] zero = ModbusRtuCodec.encode(new ReadHoldingRegisters(1, 0, 0));

        assertEquals(DecodeResult.frame(new ReadHoldingRegisters(1, 0, 0), 8), decoder.decode(zero, 0, 8));
    }

    @Test
    void findsRequestsAmongGarbageAndCorruptRequests() {
        byte[] corrupt = POLL.clone();
        corrupt[3] ^= 0x40;
        byte[] stream = concat(
                Bytes.of(0xFF, 0x10),
                corrupt,
                POLL,
                Bytes.of(0xFA, 0xFB),
                ModbusRtuCodec.encode(new WriteSingleRegister(0, 0, 2)));
        FrameReader<ModbusRequest> reader = new FrameReader<>(decoder, 64);
        List<ModbusRequest> requests = new ArrayList<>();

        reader.feed(stream, 0, stream.length, requests::add, null);

        assertEquals(List.of(new ReadHoldingRegisters(1, 0, 8), new WriteSingleRegister(0, 0, 2)), requests);
        assertEquals(0, reader.buffered());
    }
}
