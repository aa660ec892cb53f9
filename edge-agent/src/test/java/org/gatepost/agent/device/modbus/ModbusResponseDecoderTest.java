package org.gatepost.agent.device.modbus;

import static org.gatepost.agent.testing.Bytes.concat;
import static org.gatepost.agent.testing.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.modbus.ModbusRequest.ReadHoldingRegisters;
import org.gatepost.agent.device.modbus.ModbusResponse.ExceptionReply;
import org.gatepost.agent.device.modbus.ModbusResponse.Registers;
import org.gatepost.agent.testing.Bytes;
import org.gatepost.agent.testing.Fuzz;
import org.junit.jupiter.api.Test;

class ModbusResponseDecoderTest {
    private static final ReadHoldingRegisters ONE_REGISTER = new ReadHoldingRegisters(1, 0, 1);
    private static final byte[] GOOD = hex("01 03 02 0E 4C BD D1"); // slave 1, 1 register = 0x0E4C
    private final FrameDecoder<ModbusResponse> decoder = ModbusRtuCodec.responseDecoder(ONE_REGISTER);

    @Test
    void treatsEveryPrefixOfAReplyAsNeedMoreNeverMalformed() {
        for (int n = 1; n < GOOD.length; n++) {
            DecodeResult<ModbusResponse> r = decoder.decode(GOOD, 0, n);
            assertInstanceOf(DecodeResult.NeedMore.class, r, "prefix of " + n + " bytes: " + r);
            assertTrue(((DecodeResult.NeedMore<ModbusResponse>) r).atLeast() > n);
        }
        assertEquals(DecodeResult.needMore(7), decoder.decode(GOOD, 0, 3), "the byte count fixes the length");
        byte[] exception = hex("01 83 02 C0 F1");
        for (int n = 2; n < exception.length; n++) {
            assertEquals(DecodeResult.needMore(5), decoder.decode(exception, 0, n), "exception prefix of " + n);
        }
    }

    @Test
    void decodesAtAnOffsetWithoutReadingOutsideTheWindow() {
        byte[] buffer = new byte[32];
        Arrays.fill(buffer, (byte) 0x01);
        System.arraycopy(GOOD, 0, buffer, 11, GOOD.length);

        assertEquals(DecodeResult.frame(new Registers(1, List.of(0x0E4C)), 7), decoder.decode(buffer, 11, 7));
        assertEquals(DecodeResult.needMore(7), decoder.decode(buffer, 11, 6));
    }

    @Test
    void rejectsABadCrcAndSkipsToTheNextPossibleFrameStart() {
        byte[] corrupt = hex("01 03 02 0E 4C BD D0");

        // 03, 02, 0E, 4C and BD cannot start a reply (their next byte is not 03 or 83); D0 alone still could
        assertEquals(DecodeResult.malformed("bad-crc", 6), decoder.decode(corrupt, 0, 7));
        byte[] corruptData = hex("01 03 02 0E 4D BD D1");
        assertEquals(DecodeResult.malformed("bad-crc", 6), decoder.decode(corruptData, 0, 7));
    }

    @Test
    void rejectsGarbageBeforeTheHeaderInOneStep() {
        byte[] window = concat(Bytes.of(0xFF, 0xF8, 0x00), GOOD);

        // FF and F8 are above 247, and 00 (broadcast) never answers a read
        assertEquals(DecodeResult.malformed("bad-header", 3), decoder.decode(window, 0, window.length));
    }

    @Test
    void rejectsAFunctionOtherThanTheRequestsOrItsException() {
        assertEquals("bad-header", reason(hex("01 04 02 0E 4C")));
        assertEquals("bad-header", reason(hex("01 84 02")));
        assertEquals("bad-header", reason(hex("01 06 00 00")));
    }

    @Test
    void rejectsAByteCountThatDoesNotMatchTheQuantityAsked() {
        assertEquals("bad-byte-count", reason(hex("01 03 04 0E 4C 00 00")));
        assertEquals("bad-byte-count", reason(hex("01 03 03 0E 4C 00")));
        assertEquals("bad-byte-count", reason(hex("01 03 FF")));
    }

    @Test
    void rejectsExceptionCodeZero() {
        assertEquals("bad-exception-code", reason(hex("01 83 00")));
    }

    @Test
    void rejectsAddressesThatNoSlaveCanAnswerFrom() {
        assertEquals("bad-header", reason(hex("00 03 02 0E 4C")), "broadcast is not an answer to a unicast read");
        assertEquals("bad-header", reason(hex("F8 03 02 0E 4C")), "248 and above are reserved");
    }

    @Test
    void decodesAValidReplyFromAnotherSlaveWithItsAddress() {
        byte[] fromSlave2 = ModbusRtuCodec.encode(new Registers(2, List.of(0x0E4C)));
        byte[] exceptionFromSlave9 = ModbusRtuCodec.encode(new ExceptionReply(9, 3, 4));

        assertEquals(DecodeResult.frame(new Registers(2, List.of(0x0E4C)), 7), decoder.decode(fromSlave2, 0, 7));
        assertEquals(DecodeResult.frame(new ExceptionReply(9, 3, 4), 5), decoder.decode(exceptionFromSlave9, 0, 5));
    }

    @Test
    void aTruncatedReplyIsCountedOnceWhenTheNextReplyArrives() {
        FrameReader<ModbusResponse> reader = reader();

        assertEquals(List.of(), reader.feed(Arrays.copyOf(GOOD, 4)));
        assertEquals(4, reader.buffered());
        assertEquals(0, reader.malformed());

        assertEquals(List.of(new Registers(1, List.of(0x0E4C))), reader.feed(GOOD));
        assertEquals(1, reader.malformed());
        assertEquals("bad-crc", reader.lastMalformedReason());
        assertEquals(0, reader.buffered());
    }

    @Test
    void resyncsAfterGarbageCorruptAndForeignFramesAndCountsEachOnce() {
        FrameReader<ModbusResponse> reader = reader();
        byte[] corrupt = GOOD.clone();
        corrupt[6] ^= (byte) 0x01;
        byte[] stream = concat(
                Bytes.of(0xFF, 0xFE),
                corrupt,
                Bytes.of(0x00),
                hex("01 83 02 C0 F1"),
                ModbusRtuCodec.encode(new Registers(7, List.of(1))),
                GOOD);
        List<String> reasons = new ArrayList<>();
        List<ModbusResponse> frames = new ArrayList<>();

        reader.feed(stream, 0, stream.length, frames::add, reasons::add);

        assertEquals(
                List.of(new ExceptionReply(1, 3, 2), new Registers(7, List.of(1)), new Registers(1, List.of(0x0E4C))),
                frames);
        // the corrupt frame's skip runs past the lone 00 to the exception reply: one count for both
        assertEquals(List.of("bad-header", "bad-crc"), reasons);
        assertEquals(0, reader.buffered());
    }

    @Test
    void leavesNoBytesUnreadAfterAStreamOfRepliesCutAtRandomPlaces() {
        SplittableRandom random = new SplittableRandom(485);
        ReadHoldingRegisters eight = new ReadHoldingRegisters(1, 0, 8);
        List<ModbusResponse> sent = Stream.<ModbusResponse>generate(() -> random.nextInt(5) == 0
                        ? new ExceptionReply(1, 3, random.nextInt(1, 12))
                        : new Registers(1, random.ints(8, 0, 0x10000).boxed().toList()))
                .limit(400)
                .toList();
        FrameReader<ModbusResponse> reader =
                new FrameReader<>(ModbusRtuCodec.responseDecoder(eight), ModbusRtuCodec.MAX_FRAME_LENGTH);

        Fuzz.assertChunkedStreamDecodesExactly(sent, ModbusRtuCodec::encode, reader, random, 24);
    }

    @Test
    void decodesTheLongestReplyOf125RegistersWithinTheMaximumFrameLength() {
        ReadHoldingRegisters most = new ReadHoldingRegisters(1, 0, ModbusRtuCodec.MAX_READ_QUANTITY);
        List<Integer> values =
                new SplittableRandom(1).ints(125, 0, 0x10000).boxed().toList();
        byte[] frame = ModbusRtuCodec.encode(new Registers(1, values));

        assertEquals(255, frame.length);
        assertEquals(
                DecodeResult.needMore(255), ModbusRtuCodec.responseDecoder(most).decode(frame, 0, 3));
        FrameReader<ModbusResponse> reader =
                new FrameReader<>(ModbusRtuCodec.responseDecoder(most), ModbusRtuCodec.MAX_FRAME_LENGTH);
        assertEquals(List.of(new Registers(1, values)), reader.feed(frame));
    }

    @Test
    void refusesToBuildADecoderForAQuantityBeyondTheProtocolMaximum() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ModbusRtuCodec.responseDecoder(new ReadHoldingRegisters(1, 0, 126)));
        assertThrows(
                IllegalArgumentException.class,
                () -> ModbusRtuCodec.responseDecoder(new ReadHoldingRegisters(1, 0, 0)));
        assertThrows(
                IllegalArgumentException.class,
                () -> ModbusRtuCodec.responseDecoder(new ModbusRequest.Other(1, 4, 0, 1)));
    }

    @Test
    void messageRecordsRejectValuesThatDoNotFitTheWire() {
        assertThrows(IllegalArgumentException.class, () -> new Registers(1, List.of()));
        assertThrows(
                IllegalArgumentException.class, () -> new Registers(1, new ArrayList<>(Collections.nCopies(126, 0))));
        assertThrows(IllegalArgumentException.class, () -> new Registers(1, List.of(0x10000)));
        assertThrows(IllegalArgumentException.class, () -> new Registers(248, List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> new ExceptionReply(1, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new ExceptionReply(1, 0x83, 2));
        assertThrows(IllegalArgumentException.class, () -> new ReadHoldingRegisters(1, 0x10000, 1));
        assertThrows(IllegalArgumentException.class, () -> new ModbusRequest.WriteSingleRegister(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ModbusRequest.Other(1, 0x10, 0, 1));
    }

    private String reason(byte[] window) {
        DecodeResult<ModbusResponse> r = decoder.decode(window, 0, window.length);
        return assertInstanceOf(DecodeResult.Malformed.class, r, "expected malformed: " + r)
                .reason();
    }

    private static FrameReader<ModbusResponse> reader() {
        return new FrameReader<>(ModbusRtuCodec.responseDecoder(ONE_REGISTER), ModbusRtuCodec.MAX_FRAME_LENGTH);
    }
}
