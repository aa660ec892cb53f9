package org.gatepost.agent.device.idcard;

import static org.gatepost.agent.device.idcard.Hex.bytes;
import static org.gatepost.agent.device.idcard.Hex.concat;
import static org.gatepost.agent.device.idcard.Hex.ucs2Field;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Byte vectors from docs/protocols/id-card-sam.md (reference section 2.1), annotated field by field. */
class SamCodecTest {

    // ---- command frames: AA AA AA 96 69 | LEN 00 03 | CMD PARA | CHK = 00^03^CMD^PARA

    /** Every command and its reference frame: CMD and PARA, then CHK. */
    static Stream<Arguments> commandFrames() {
        return Stream.of(
                arguments(SamCommand.FIND_CARD, "AA AA AA 96 69" + "00 03" + "20 01" + "22"),
                arguments(SamCommand.SELECT_CARD, "AA AA AA 96 69" + "00 03" + "20 02" + "21"),
                arguments(SamCommand.READ_BASE, "AA AA AA 96 69" + "00 03" + "30 01" + "32"),
                arguments(SamCommand.RESET_SAM, "AA AA AA 96 69" + "00 03" + "10 FF" + "EC"),
                arguments(SamCommand.SAM_STATUS, "AA AA AA 96 69" + "00 03" + "11 FF" + "ED"),
                arguments(SamCommand.READ_ADDRESS, "AA AA AA 96 69" + "00 03" + "30 03" + "30"));
    }

    @ParameterizedTest(name = "encodes {0} as the reference frame")
    @MethodSource("commandFrames")
    void encodesTheCommandAsTheReferenceFrame(SamCommand command, String frame) {
        assertArrayEquals(bytes(frame), command.frame());
    }

    @Test
    void encodesSetBaudThroughTheGenericCommandEncoder() {
        assertArrayEquals(bytes("AA AA AA 96 69" + "00 03" + "60 00" + "63"), SamCodec.command(0x60, 0x00));
    }

    @Test
    void decodesEveryCommandFrameBackToItsCommand() {
        for (SamCommand c : SamCommand.values()) {
            SamFrame f = decodeWhole(c.frame());
            assertEquals(c, SamCommand.of(f).orElseThrow(), c.name());
        }
    }

    // ---- sample responses: AA AA AA 96 69 | LEN | SW1 00 SW2 00 SW3 | data | CHK

    @Test
    void decodesSamOkResponse() {
        byte[] wire = bytes("AA AA AA 96 69" + "00 04" + "00 00 90" + "94");
        SamFrame f = decodeWhole(wire);
        assertEquals(0x90, f.sw3());
        assertEquals(0, f.responseDataLength());
        assertArrayEquals(wire, SamCodec.response(0x90));
    }

    @Test
    void decodesSamSelfTestFailedResponse() {
        byte[] wire = bytes("AA AA AA 96 69" + "00 04" + "00 00 60" + "64");
        assertEquals(
                SamStatus.SELF_TEST_FAILED,
                SamStatus.of(decodeWhole(wire).sw3()).orElseThrow());
        assertArrayEquals(wire, SamCodec.response(0x60));
    }

    @Test
    void decodesFindCardSuccessWithFourDataBytes() {
        byte[] wire = bytes("AA AA AA 96 69" + "00 08" + "00 00 9F" + "00 00 00 00" + "97");
        SamFrame f = decodeWhole(wire);
        assertEquals(SamStatus.FIND_SUCCESS.code(), f.sw3());
        assertArrayEquals(new byte[4], f.responseData());
        assertArrayEquals(wire, SamCodec.response(0x9F, new byte[4]));
    }

    /** The status-only answers (no data): the failures of find, select and read. */
    static Stream<Arguments> statusOnlyResponses() {
        return Stream.of(
                arguments(SamStatus.FIND_FAILED, "AA AA AA 96 69" + "00 04" + "00 00 80" + "84"),
                arguments(SamStatus.SELECT_FAILED, "AA AA AA 96 69" + "00 04" + "00 00 81" + "85"),
                arguments(SamStatus.READ_FAILED, "AA AA AA 96 69" + "00 04" + "00 00 41" + "45"));
    }

    @ParameterizedTest(name = "decodes and encodes {0}")
    @MethodSource("statusOnlyResponses")
    void decodesAndEncodesAStatusOnlyResponse(SamStatus status, String hex) {
        byte[] wire = bytes(hex);
        assertEquals(status.code(), decodeWhole(wire).sw3());
        assertArrayEquals(wire, SamCodec.response(status.code()));
    }

    @Test
    void decodesSelectCardSuccessWithEightDataBytes() {
        byte[] wire = bytes("AA AA AA 96 69" + "00 0C" + "00 00 90" + "00 00 00 00 00 00 00 00" + "9C");
        SamFrame f = decodeWhole(wire);
        assertEquals(0x90, f.sw3());
        assertEquals(8, f.responseDataLength());
        assertArrayEquals(wire, SamCodec.response(0x90, new byte[8]));
    }

    // ---- the worked read-base frame of the reference

    /** The text block written out by hand, field by field, independently of IdCardText.encode. */
    static byte[] workedTextBlock() {
        return concat(
                ucs2Field("张三", 15), // 0   name (30 bytes): 20 5F 09 4E then 13 spaces
                ucs2Field("2", 1), // 30  gender: '2' female
                ucs2Field("01", 2), // 32  nation: 01
                ucs2Field("19491231", 8), // 36  birth
                ucs2Field("北京市朝阳区示例路1号", 35), // 52  address (70 bytes)
                ucs2Field("11010519491231002X", 18), // 122 ID number
                ucs2Field("北京市公安局朝阳分局", 15), // 158 issuing authority
                ucs2Field("20150101", 8), // 188 valid from
                ucs2Field("长期", 8), // 204 valid until: long term
                ucs2Field("", 18)); // 220 reserved (36 bytes of spaces)
    }

    static IdCardText.Fields workedFields() {
        return new IdCardText.Fields(
                "张三", "2", "01", "19491231", "北京市朝阳区示例路1号", "11010519491231002X", "北京市公安局朝阳分局", "20150101", "长期");
    }

    @Test
    void rebuildsTheWorkedReadBaseFrameFromItsFields() {
        byte[] text = workedTextBlock();
        assertEquals(256, text.length);
        assertArrayEquals(text, IdCardText.encode(workedFields()));

        byte[] frame = SamCodec.response(0x90, BaseMessage.encode(IdCardText.encode(workedFields()), new byte[1024]));

        assertEquals(1295, frame.length);
        assertEquals(
                "AA AA AA 96 69" // preamble
                        + " 05 08" // LEN = 1288 = 3 status + 4 lengths + 256 text + 1024 photo + 1 CHK
                        + " 00 00 90" // SW1 SW2 SW3 = success
                        + " 01 00" // text length 256
                        + " 04 00" // photo length 1024
                        + " 20 5F 09 4E", // 张 U+5F20, 三 U+4E09, little endian
                Hex.of(frame, 0, 18));
        assertEquals("20 00 20 00", Hex.of(frame, 18, 22)); // name padding
        assertEquals("32 00", Hex.of(frame, 14 + 30, 14 + 32)); // gender '2'
        assertEquals("30 00 31 00", Hex.of(frame, 14 + 32, 14 + 36)); // nation "01"
        assertEquals("31 00 39 00 34 00 39 00 31 00 32 00 33 00 31 00", Hex.of(frame, 14 + 36, 14 + 52)); // birth
        assertArrayEquals(new byte[1024], Arrays.copyOfRange(frame, 14 + 256, 14 + 256 + 1024)); // photo
        assertEquals((byte) 0xCB, frame[1294]); // CHK from the reference

        byte[] handBuilt =
                concat(bytes("AA AA AA 96 69 05 08 00 00 90 01 00 04 00"), text, new byte[1024], bytes("CB"));
        assertArrayEquals(handBuilt, frame);
    }

    @Test
    void decodesTheWorkedReadBaseFrameToItsFields() throws SamProtocolException {
        byte[] frame = concat(
                bytes("AA AA AA 96 69 05 08 00 00 90 01 00 04 00"), workedTextBlock(), new byte[1024], bytes("CB"));
        SamFrame f = decodeWhole(frame);
        assertEquals(BaseMessage.DATA_LENGTH, f.responseDataLength());
        assertEquals(workedFields(), BaseMessage.text(f));
    }

    @Test
    void rejectsABaseMessageWhoseLengthsDoNotMatchItsData() {
        byte[] shortPhoto = BaseMessage.encode(workedTextBlock(), new byte[1024]);
        shortPhoto[3] = 0x01; // photo length 0x0401 but only 1024 bytes follow
        SamFrame f = decodeWhole(SamCodec.response(0x90, shortPhoto));
        SamProtocolException e = assertThrows(SamProtocolException.class, () -> BaseMessage.text(f));
        assertEquals("bad-read-layout", e.reason());
        SamFrame tooShort = decodeWhole(SamCodec.response(0x90, new byte[3]));
        assertEquals(
                "bad-read-layout",
                assertThrows(SamProtocolException.class, () -> BaseMessage.text(tooShort))
                        .reason());
    }

    @Test
    void frameToStringShowsNoCardData() {
        SamFrame f = decodeWhole(SamCodec.response(0x90, BaseMessage.encode(workedTextBlock(), new byte[1024])));
        assertEquals("SamFrame[length=1287, head=00 00 90]", f.toString());
    }

    // ---- malformed and incomplete input

    @Test
    void badChecksumIsMalformed() {
        byte[] wire = bytes("AA AA AA 96 69 00 04 00 00 90 95"); // CHK should be 94
        DecodeResult.Malformed<?> m = assertInstanceOf(DecodeResult.Malformed.class, decode(wire));
        assertEquals("bad-checksum", m.reason());
        assertEquals(1, m.skip());
    }

    @Test
    void everyProperPrefixOfAFrameNeedsMoreAndIsNeverMalformed() {
        byte[] wire = SamCodec.response(0x90, BaseMessage.encode(workedTextBlock(), new byte[1024]));
        for (int n = 1; n < wire.length; n++) {
            DecodeResult<SamFrame> r = SamCodec.DECODER.decode(wire, 0, n);
            DecodeResult.NeedMore<?> more = assertInstanceOf(DecodeResult.NeedMore.class, r, "prefix " + n);
            assertEquals(n < 7 ? 7 : 1295, more.atLeast(), "prefix " + n);
        }
    }

    @Test
    void partialPreambleNeedsMore() {
        assertInstanceOf(DecodeResult.NeedMore.class, decode(bytes("AA")));
        assertInstanceOf(DecodeResult.NeedMore.class, decode(bytes("AA AA AA 96")));
        assertInstanceOf(DecodeResult.NeedMore.class, decode(bytes("AA AA AA 96 69 00")));
    }

    @Test
    void garbageBeforeThePreambleIsSkippedUpToTheNextPossibleStart() {
        byte[] wire = concat(bytes("00 13 37 AA 42"), SamCommand.FIND_CARD.frame());
        DecodeResult.Malformed<?> first = assertInstanceOf(DecodeResult.Malformed.class, decode(wire));
        assertEquals("bad-preamble", first.reason());
        assertEquals(3, first.skip()); // up to the lone AA
        DecodeResult.Malformed<?> second =
                assertInstanceOf(DecodeResult.Malformed.class, SamCodec.DECODER.decode(wire, 3, wire.length - 3));
        assertEquals(2, second.skip()); // AA 42 cannot start a preamble; the next AA does

        FrameReader<SamFrame> reader = new FrameReader<>(SamCodec.DECODER, SamCodec.MAX_FRAME_LENGTH);
        List<SamFrame> frames = reader.feed(wire);
        assertEquals(List.of(new SamFrame(bytes("20 01"))), frames);
        assertEquals(5, reader.skippedBytes());
        assertEquals(0, reader.buffered());
    }

    @Test
    void brokenPreambleResyncsOnTheNextFullPreamble() {
        byte[] wire = concat(bytes("AA AA AA 96 68 00 03"), bytes("AA AA AA AA 96 69 00 03 20 01 22"));
        FrameReader<SamFrame> reader = new FrameReader<>(SamCodec.DECODER, SamCodec.MAX_FRAME_LENGTH);
        assertEquals(List.of(new SamFrame(bytes("20 01"))), reader.feed(wire));
        assertEquals(0, reader.buffered());
    }

    @Test
    void oversizeLengthIsRejectedFromTheHeaderAloneBeforeTheBodyArrives() {
        DecodeResult.Malformed<?> m = assertInstanceOf(
                DecodeResult.Malformed.class,
                decode(bytes("AA AA AA 96 69 10 01"))); // LEN 4097 > 4096, nothing after the header
        assertEquals("oversize", m.reason());
        assertInstanceOf(DecodeResult.NeedMore.class, decode(bytes("AA AA AA 96 69 10 00"))); // LEN 4096 is allowed
    }

    @Test
    void lengthBelowTwoIsRejected() {
        for (String len : List.of("00 00", "00 01")) {
            DecodeResult.Malformed<?> m = assertInstanceOf(
                    DecodeResult.Malformed.class, decode(bytes("AA AA AA 96 69 " + len + " 00 00 00")));
            assertEquals("bad-length", m.reason(), len);
        }
        SamFrame oneByte = decodeWhole(bytes("AA AA AA 96 69 00 02 90 92")); // LEN 2: framed, but not a response
        assertFalse(oneByte.isResponse());
        assertEquals(-1, oneByte.sw3());
    }

    @Test
    void decoderReadsOnlyItsWindowAndLeavesFollowingBytesUnread() {
        byte[] two = concat(bytes("FF"), SamCommand.SELECT_CARD.frame(), SamCommand.READ_BASE.frame(), bytes("EE"));
        DecodeResult.Frame<?> f = assertInstanceOf(DecodeResult.Frame.class, SamCodec.DECODER.decode(two, 1, 10));
        assertEquals(10, f.length());
        assertEquals(new SamFrame(bytes("20 02")), f.message());
    }

    @Test
    void frameReaderFindsFramesAroundCorruptOnesAndCountsThem() {
        byte[] corrupt = SamCodec.response(0x90, new byte[8]);
        corrupt[corrupt.length - 1] ^= 0x01;
        byte[] wire = concat(SamCodec.response(0x80), corrupt, bytes("01 02 03"), SamCodec.response(0x9F, new byte[4]));
        FrameReader<SamFrame> reader = new FrameReader<>(SamCodec.DECODER, SamCodec.MAX_FRAME_LENGTH);
        List<String> reasons = new ArrayList<>();
        List<SamFrame> frames = new ArrayList<>();
        reader.feed(wire, 0, wire.length, frames::add, reasons::add);
        assertEquals(List.of(0x80, 0x9F), frames.stream().map(SamFrame::sw3).toList());
        assertEquals("bad-checksum", reasons.getFirst());
        assertEquals(0, reader.buffered());
    }

    @Test
    void encoderRefusesPayloadsTheDecoderWouldReject() {
        assertThrows(IllegalArgumentException.class, () -> SamCodec.frame(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> SamCodec.frame(new byte[SamCodec.MAX_LEN]));
        assertEquals(SamCodec.MAX_FRAME_LENGTH, SamCodec.frame(new byte[SamCodec.MAX_LEN - 1]).length);
    }

    @Test
    void describesKnownAndUnknownStatusCodes() {
        assertEquals("read card failed", SamStatus.describe(0x41));
        assertEquals("unknown status 0x07", SamStatus.describe(0x07));
        assertEquals(21, SamStatus.values().length);
    }

    // ---- fuzz

    @Test
    void randomBytesWithGoodFramesInterleavedNeverThrowAndLoseNoGoodFrame() {
        Random rnd = new Random(20240611L);
        FrameReader<SamFrame> reader = new FrameReader<>(SamCodec.DECODER, SamCodec.MAX_FRAME_LENGTH);
        List<SamFrame> expected = new ArrayList<>();
        List<SamFrame> found = new ArrayList<>();
        long garbage = 0;
        while (garbage < 1_000_000) {
            byte[] noise = new byte[rnd.nextInt(4000)];
            rnd.nextBytes(noise);
            if (noise.length > 8) { // near misses: a partial preamble, or a full one with an oversize LEN
                int at = rnd.nextInt(noise.length - 7);
                System.arraycopy(SamCodec.preamble(), 0, noise, at, 1 + rnd.nextInt(5));
                if (noise[at + 4] == 0x69) {
                    noise[at + 5] = (byte) (0x11 + rnd.nextInt(0xEF));
                }
            }
            garbage += noise.length;
            byte[] payload = new byte[1 + rnd.nextInt(1300)];
            rnd.nextBytes(payload);
            expected.add(new SamFrame(payload.clone()));
            byte[] stream = concat(noise, SamCodec.frame(payload));
            for (int pos = 0; pos < stream.length; ) { // feed in random chunks, as a serial port delivers
                int n = Math.min(stream.length - pos, 1 + rnd.nextInt(300));
                reader.feed(stream, pos, n, found::add, reason -> {});
                pos += n;
            }
        }
        assertTrue(garbage >= 1_000_000);
        assertEquals(expected, found.stream().filter(expected::contains).toList());
        assertEquals(expected.size(), found.size(), "no frame made up from noise");
        assertTrue(reader.malformed() > 0);
    }

    private static DecodeResult<SamFrame> decode(byte[] wire) {
        return SamCodec.DECODER.decode(wire, 0, wire.length);
    }

    /** Decodes a buffer that must hold exactly one frame, with no byte left unread. */
    private static SamFrame decodeWhole(byte[] wire) {
        DecodeResult.Frame<?> f = assertInstanceOf(DecodeResult.Frame.class, decode(wire));
        assertEquals(wire.length, f.length(), "bytes left unread");
        return (SamFrame) f.message();
    }
}
