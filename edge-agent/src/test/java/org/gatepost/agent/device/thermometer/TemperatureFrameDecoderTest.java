package org.gatepost.agent.device.thermometer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.testing.Bytes;
import org.gatepost.agent.testing.Fuzz;
import org.junit.jupiter.api.Test;

class TemperatureFrameDecoderTest {
    private final FrameDecoder<TemperatureFrame> decoder = GyMcuCodec.frameDecoder();

    /** The vendor's worked example, 31.92 °C object and 33.53 °C ambient. */
    private static final byte[] WORKED_VECTOR = Bytes.of(
            0x5A, 0x5A, // header
            0x45, // frame type: temperature
            0x04, // four data bytes follow
            0x0C, 0x78, // TO = 0x0C78 = 3192 -> 31.92 °C
            0x0D, 0x19, // TA = 0x0D19 = 3353 -> 33.53 °C
            0xA7); // 5A+5A+45+04+0C+78+0D+19 = 0x1A7, low byte A7

    @Test
    void decodesTheDatasheetWorkedVector() {
        DecodeResult<TemperatureFrame> result = decoder.decode(WORKED_VECTOR, 0, WORKED_VECTOR.length);

        assertEquals(DecodeResult.frame(new TemperatureFrame(3192, 3353), 9), result);
        TemperatureFrame frame = ((DecodeResult.Frame<TemperatureFrame>) result).message();
        assertEquals(31.92, frame.objectC(), 1e-9);
        assertEquals(33.53, frame.ambientC(), 1e-9);
    }

    @Test
    void encodesTheDatasheetWorkedVectorByteForByte() {
        assertArrayEquals(WORKED_VECTOR, GyMcuCodec.encodeFrame(3192, 3353));
    }

    @Test
    void decodesNegativeTemperaturesAsTwosComplement() {
        byte[] frame = Bytes.of(
                0x5A, 0x5A, 0x45, 0x04, 0xFB, 0x2E, // TO = 0xFB2E = -1234 -> -12.34 °C
                0xF0, 0x60, // TA = 0xF060 = -4000 -> -40.00 °C
                0x76); // 5A+5A+45+04+FB+2E+F0+60 = 0x376

        assertEquals(DecodeResult.frame(new TemperatureFrame(-1234, -4000), 9), decoder.decode(frame, 0, 9));
        assertArrayEquals(frame, GyMcuCodec.encodeFrame(-1234, -4000));
        assertEquals(-12.34, new TemperatureFrame(-1234, -4000).objectC(), 1e-9);
    }

    @Test
    void decodesAtAnOffsetWithoutReadingOutsideTheWindow() {
        byte[] buffer = new byte[20];
        System.arraycopy(WORKED_VECTOR, 0, buffer, 7, 9);

        assertEquals(DecodeResult.frame(new TemperatureFrame(3192, 3353), 9), decoder.decode(buffer, 7, 9));
        assertEquals(DecodeResult.needMore(9), decoder.decode(buffer, 7, 8));
    }

    @Test
    void rejectsABadChecksumAndSkipsTheWholeFrame() {
        byte[] frame = WORKED_VECTOR.clone();
        frame[8] = (byte) 0xA8;

        assertEquals(DecodeResult.malformed("bad-checksum", 9), decoder.decode(frame, 0, 9));
    }

    @Test
    void rejectsHeaderFollowedByWrongFrameType() {
        byte[] window = Bytes.of(0x5A, 0x5A, 0x46, 0x04);

        assertEquals(DecodeResult.malformed("bad-type", 4), decoder.decode(window, 0, window.length));
    }

    @Test
    void rejectsWrongDataLengthByte() {
        byte[] window = Bytes.of(0x5A, 0x5A, 0x45, 0x06, 0x0C, 0x78);

        assertEquals(DecodeResult.malformed("bad-length", 6), decoder.decode(window, 0, window.length));
    }

    @Test
    void rejectsGarbageBeforeTheHeaderInOneStepUpToTheNextPossibleFrame() {
        byte[] window = Bytes.concat(Bytes.of(0x01, 0xFF, 0x5A, 0x00, 0x45), WORKED_VECTOR);

        // the lone 5A at index 2 is followed by 00, so it cannot start a frame; index 5 can
        assertEquals(DecodeResult.malformed("bad-header", 5), decoder.decode(window, 0, window.length));
    }

    @Test
    void treatsEveryValidPrefixAsNeedMoreNeverMalformed() {
        for (int n = 1; n < 9; n++) {
            assertEquals(DecodeResult.needMore(9), decoder.decode(WORKED_VECTOR, 0, n), "prefix of " + n + " bytes");
        }
    }

    @Test
    void keepsALoneHeaderByteAtTheEndAsNeedMore() {
        FrameReader<TemperatureFrame> reader = reader();

        List<TemperatureFrame> frames = reader.feed(Bytes.concat(WORKED_VECTOR, Bytes.of(0x5A)));

        assertEquals(List.of(new TemperatureFrame(3192, 3353)), frames);
        assertEquals(1, reader.buffered());
        assertEquals(0, reader.malformed());
    }

    @Test
    void truncatedFrameWaitsForMoreThenTheNextFrameIsFound() {
        FrameReader<TemperatureFrame> reader = reader();
        byte[] next = GyMcuCodec.encodeFrame(3660, 2500);

        assertEquals(List.of(), reader.feed(Arrays.copyOf(WORKED_VECTOR, 5)));
        assertEquals(5, reader.buffered());
        assertEquals(0, reader.malformed());

        assertEquals(List.of(new TemperatureFrame(3660, 2500)), reader.feed(next));
        assertEquals(1, reader.malformed());
        assertEquals("bad-checksum", reader.lastMalformedReason());
        assertEquals(0, reader.buffered());
    }

    @Test
    void aTruncatedFrameThatPassesTheChecksumByChanceFailsTheAmbientRange() {
        FrameReader<TemperatureFrame> reader = reader();
        byte[] cut = Arrays.copyOf(GyMcuCodec.encodeFrame(3660, 2500), 5); // 5A 5A 45 04 0E
        byte[] next = GyMcuCodec.encodeFrame(3660, 2500);

        // 5A+5A+45+04+0E + 5A+5A+45 = 0x204: low byte 04 equals the next frame's length byte, taken as SUM
        List<TemperatureFrame> frames = reader.feed(Bytes.concat(cut, next));

        assertEquals(List.of(new TemperatureFrame(0x0E5A, 0x5A45)), frames);
        assertEquals(Optional.of("ambient-out-of-range"), frames.get(0).rangeProblem());
        assertEquals(1, reader.malformed()); // the rest of the next frame
    }

    @Test
    void resyncsAfterGarbageAndCorruptFramesAndCountsEachOnce() {
        FrameReader<TemperatureFrame> reader = reader();
        byte[] corrupt = GyMcuCodec.encodeFrame(3000, 2500);
        corrupt[8] ^= (byte) 0xFF;
        byte[] stream = Bytes.concat(
                Bytes.of(0x00, 0x13, 0x37),
                corrupt,
                WORKED_VECTOR,
                Bytes.of(0x5A, 0x5A, 0x99),
                GyMcuCodec.encodeFrame(3660, 2500));

        List<TemperatureFrame> frames = reader.feed(stream);

        assertEquals(List.of(new TemperatureFrame(3192, 3353), new TemperatureFrame(3660, 2500)), frames);
        assertEquals(3, reader.malformed()); // garbage, bad checksum, bad type: one count each
        assertEquals(0, reader.buffered());
    }

    @Test
    void leavesNoBytesUnreadAfterAStreamOfFramesCutAtRandomPlaces() {
        SplittableRandom random = new SplittableRandom(42);
        List<TemperatureFrame> sent = Stream.generate(
                        () -> new TemperatureFrame(random.nextInt(-7000, 32768), random.nextInt(-4000, 12501)))
                .limit(500)
                .toList();

        Fuzz.assertChunkedStreamDecodesExactly(
                sent, f -> GyMcuCodec.encodeFrame(f.objectCentiC(), f.ambientCentiC()), reader(), random, 20);
    }

    @Test
    void encoderRejectsValuesThatDoNotFitSixteenBits() {
        assertThrows(IllegalArgumentException.class, () -> GyMcuCodec.encodeFrame(32768, 0));
        assertThrows(IllegalArgumentException.class, () -> GyMcuCodec.encodeFrame(0, -32769));
    }

    @Test
    void flagsReadingsOutsideTheSensorsCalibratedRanges() {
        assertEquals(Optional.empty(), new TemperatureFrame(-7000, -4000).rangeProblem());
        // 380 °C does not fit the frame's int16 of 0.01 °C: the highest object value on the wire is 327.67 °C
        assertEquals(Optional.empty(), new TemperatureFrame(Short.MAX_VALUE, 12500).rangeProblem());
        assertEquals(Optional.of("ambient-out-of-range"), new TemperatureFrame(3000, 12501).rangeProblem());
        assertEquals(Optional.of("ambient-out-of-range"), new TemperatureFrame(3000, -4001).rangeProblem());
        assertEquals(Optional.of("object-out-of-range"), new TemperatureFrame(-7001, 2500).rangeProblem());
        assertEquals(Optional.of("object-out-of-range"), new TemperatureFrame(Short.MIN_VALUE, 2500).rangeProblem());
    }

    static FrameReader<TemperatureFrame> reader() {
        return new FrameReader<>(GyMcuCodec.frameDecoder(), 64);
    }
}
