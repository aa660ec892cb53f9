package org.gatepost.agent.device.rfid;

import static org.gatepost.agent.testing.Bytes.ascii;
import static org.gatepost.agent.testing.Bytes.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.testing.Bytes;
import org.gatepost.agent.testing.Fuzz;
import org.junit.jupiter.api.Test;

class Rdm6300CodecTest {
    private final FrameDecoder<Rdm6300Frame> decoder = Rdm6300Codec.decoder();

    /** python-rdm6300's test vector. */
    private static final byte[] WORKED_VECTOR = Bytes.of(
            0x02, // STX
            0x36, 0x37, // "67": version byte 0x67
            0x30, 0x30, 0x33, 0x42, // "003B": tag id, high half
            0x35, 0x31, 0x43, 0x36, // "51C6": tag id, low half -> 0x003B51C6 = 3887558
            0x43, 0x42, // "CB": 67 ^ 00 ^ 3B ^ 51 ^ C6 = CB
            0x03); // ETX

    @Test
    void decodesTheWorkedVectorIntoVersionAndTagId() {
        assertEquals(
                DecodeResult.frame(new Rdm6300Frame(0x67, 0x003B51C6L), 14),
                decoder.decode(WORKED_VECTOR, 0, WORKED_VECTOR.length));
        assertEquals("3887558", new Rdm6300Frame(0x67, 0x003B51C6L).number());
    }

    @Test
    void encodesTheWorkedVectorByteForByte() {
        assertArrayEquals(WORKED_VECTOR, Rdm6300Codec.encode(0x67, 3887558));
    }

    @Test
    void decodesTheLibrarysOtherVectors() {
        // "67003BA86C" + "98": 67^00^3B^A8^6C = 98; tag 0x003BA86C = 3909740
        byte[] first = concat(Bytes.of(0x02), ascii("67003BA86C98"), Bytes.of(0x03));
        // "67003BA867" + "93": 67^00^3B^A8^67 = 93; tag 0x003BA867 = 3909735
        byte[] second = concat(Bytes.of(0x02), ascii("67003BA86793"), Bytes.of(0x03));

        assertEquals(DecodeResult.frame(new Rdm6300Frame(0x67, 3909740), 14), decoder.decode(first, 0, 14));
        assertEquals(DecodeResult.frame(new Rdm6300Frame(0x67, 3909735), 14), decoder.decode(second, 0, 14));
        assertArrayEquals(first, Rdm6300Codec.encode(0x67, 3909740));
        assertArrayEquals(second, Rdm6300Codec.encode(0x67, 3909735));
    }

    @Test
    void acceptsLowerCaseHexAndTheFullThirtyTwoBitRange() {
        // "00ffffffff" + "00": 00^FF^FF^FF^FF = 00; tag 0xFFFFFFFF = 4294967295 stays positive
        byte[] frame = concat(Bytes.of(0x02), ascii("00ffffffff00"), Bytes.of(0x03));

        assertEquals(DecodeResult.frame(new Rdm6300Frame(0, 0xFFFF_FFFFL), 14), decoder.decode(frame, 0, 14));
        assertEquals("4294967295", new Rdm6300Frame(0, 0xFFFF_FFFFL).number());
    }

    @Test
    void decodesAtAnOffsetWithoutReadingOutsideTheWindow() {
        byte[] buffer = new byte[30];
        System.arraycopy(WORKED_VECTOR, 0, buffer, 9, 14);

        assertEquals(DecodeResult.frame(new Rdm6300Frame(0x67, 3887558), 14), decoder.decode(buffer, 9, 14));
        assertEquals(DecodeResult.needMore(14), decoder.decode(buffer, 9, 13));
    }

    @Test
    void treatsEveryValidPrefixAsNeedMoreNeverMalformed() {
        for (int n = 1; n < 14; n++) {
            assertEquals(DecodeResult.needMore(14), decoder.decode(WORKED_VECTOR, 0, n), "prefix of " + n + " bytes");
        }
    }

    @Test
    void rejectsABadChecksumAndSkipsTheWholeFrame() {
        byte[] frame = WORKED_VECTOR.clone();
        frame[12] = 'C'; // "CC" instead of "CB"

        assertEquals(DecodeResult.malformed("bad-checksum", 14), decoder.decode(frame, 0, 14));
    }

    @Test
    void rejectsAMissingEtxAndResyncsOnTheNextStx() {
        byte[] window = concat(Arrays.copyOf(WORKED_VECTOR, 13), Bytes.of(0x0D), WORKED_VECTOR);

        assertEquals(DecodeResult.malformed("bad-etx", 14), decoder.decode(window, 0, window.length));
    }

    @Test
    void rejectsANonHexCharacterAssoonAsItArrives() {
        byte[] window = concat(Bytes.of(0x02), ascii("67G"));

        assertEquals(DecodeResult.malformed("bad-hex", 4), decoder.decode(window, 0, window.length));
    }

    @Test
    void rejectsGarbageBeforeTheStxInOneStep() {
        byte[] window = concat(Bytes.of(0x00, 0xFF, 0x03, 0x41), WORKED_VECTOR);

        assertEquals(DecodeResult.malformed("bad-stx", 4), decoder.decode(window, 0, window.length));
    }

    @Test
    void aTruncatedFrameCountsOnceAndTheFrameBehindItIsFound() {
        FrameReader<Rdm6300Frame> reader = reader();
        byte[] stream = concat(Arrays.copyOf(WORKED_VECTOR, 6), Rdm6300Codec.encode(0x67, 3909740));

        // the next frame's 02 is not a hex character: bad-hex, skip to it
        assertEquals(List.of(new Rdm6300Frame(0x67, 3909740)), reader.feed(stream));
        assertEquals(1, reader.malformed());
        assertEquals("bad-hex", reader.lastMalformedReason());
        assertEquals(0, reader.buffered());
    }

    @Test
    void aFrameSplitAcrossReadsIsKept() {
        FrameReader<Rdm6300Frame> reader = reader();

        assertEquals(List.of(), reader.feed(Arrays.copyOf(WORKED_VECTOR, 5)));
        assertEquals(5, reader.buffered());
        assertEquals(List.of(new Rdm6300Frame(0x67, 3887558)), reader.feed(Arrays.copyOfRange(WORKED_VECTOR, 5, 14)));
        assertEquals(0, reader.malformed());
        assertEquals(0, reader.buffered());
    }

    @Test
    void resyncsAfterGarbageAndCorruptFramesAndCountsEachOnce() {
        FrameReader<Rdm6300Frame> reader = reader();
        byte[] corrupt = Rdm6300Codec.encode(0x67, 3909735);
        corrupt[12] ^= 0x01; // '3' -> '2': still hex, wrong checksum
        byte[] stream = concat(
                Bytes.of(0x41, 0x42, 0x03),
                corrupt,
                WORKED_VECTOR,
                Bytes.of(0x02, 0x36, 0x0D),
                Rdm6300Codec.encode(0x12, 0xCAFEBABEL));

        List<Rdm6300Frame> frames = reader.feed(stream);

        assertEquals(List.of(new Rdm6300Frame(0x67, 3887558), new Rdm6300Frame(0x12, 0xCAFEBABEL)), frames);
        assertEquals(3, reader.malformed()); // garbage, bad checksum, bad hex: one count each
        assertEquals(0, reader.buffered());
    }

    @Test
    void leavesNoBytesUnreadAfterAStreamOfFramesCutAtRandomPlaces() {
        SplittableRandom random = new SplittableRandom(6300);
        List<Rdm6300Frame> sent = Stream.generate(
                        () -> new Rdm6300Frame(random.nextInt(256), random.nextLong(Rdm6300Codec.MAX_TAG_ID + 1)))
                .limit(500)
                .toList();

        Fuzz.assertChunkedStreamDecodesExactly(sent, Rdm6300Codec::encode, reader(), random, 30);
    }

    @Test
    void encoderRejectsValuesOutsideTheFrame() {
        assertThrows(IllegalArgumentException.class, () -> Rdm6300Codec.encode(256, 1));
        assertThrows(IllegalArgumentException.class, () -> Rdm6300Codec.encode(0, 0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> Rdm6300Codec.encode(0, -1));
    }

    @Test
    void frameToStringShowsOnlyTheLastThreeDigitsOfTheTag() {
        String s = new Rdm6300Frame(0x67, 3887558).toString();

        assertFalse(s.contains("3887558"), s);
        assertEquals("Rdm6300Frame[version=103 tag=****558]", s);
        assertEquals("******", Rdm6300Frame.mask("123456"));
    }

    static FrameReader<Rdm6300Frame> reader() {
        return new FrameReader<>(Rdm6300Codec.decoder(), 32);
    }
}
