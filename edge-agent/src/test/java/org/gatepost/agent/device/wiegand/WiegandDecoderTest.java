package org.gatepost.agent.device.wiegand;

import static org.gatepost.agent.device.wiegand.WiegandFormatTest.FC1_CARD1;
import static org.gatepost.agent.device.wiegand.WiegandFormatTest.FC59_CARD20934;
import static org.gatepost.agent.device.wiegand.WiegandFormatTest.W34_003B51C6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WiegandDecoderTest {
    private static final long MS = 1_000_000L;
    private static final long INTERVAL = 2 * MS; // a typical reader: 50 us pulses every 2 ms
    private static final long TIMEOUT = 25 * MS;
    private static final long T0 = 7_000 * MS; // nanoTime has an arbitrary origin

    private final WiegandDecoder decoder = new WiegandDecoder();

    @Test
    void decodesTheWorkedW26FramesFedBitByBit() {
        assertEquals(new WiegandFrame(WiegandFormat.W26, 1, 1), frameOf(FC1_CARD1));
        assertEquals(new WiegandFrame(WiegandFormat.W26, 59, 20934), frameOf(FC59_CARD20934));
    }

    @Test
    void decodesTheWorkedW34FrameFedBitByBit() {
        assertEquals(new WiegandFrame(WiegandFormat.W34, 0x003B, 0x51C6), frameOf(W34_003B51C6));
    }

    /**
     * A worked frame with one bit flipped and the parity that must catch it: the even parity bit covers the first
     * half, the odd parity bit the second.
     */
    static Stream<Arguments> framesWithAFlippedBit() {
        return Stream.of(
                arguments("W26 FC59/20934", FC59_CARD20934, 5, WiegandRejection.BAD_PARITY_EVEN, 26),
                arguments("W26 FC59/20934", FC59_CARD20934, 1, WiegandRejection.BAD_PARITY_EVEN, 26),
                arguments("W26 FC59/20934", FC59_CARD20934, 20, WiegandRejection.BAD_PARITY_ODD, 26),
                arguments("W26 FC59/20934", FC59_CARD20934, 26, WiegandRejection.BAD_PARITY_ODD, 26),
                arguments("W34 003B51C6", W34_003B51C6, 17, WiegandRejection.BAD_PARITY_EVEN, 34),
                arguments("W34 003B51C6", W34_003B51C6, 18, WiegandRejection.BAD_PARITY_ODD, 34));
    }

    @ParameterizedTest(name = "{0} with bit {2} flipped is rejected as {3}")
    @MethodSource("framesWithAFlippedBit")
    void rejectsAFrameWithAFlippedBitByTheParityOfItsHalf(
            String what, String frame, int flipped, String reason, int bits) {
        assertEquals(reject(reason, bits), frameOf(Bits.flip(frame, flipped)));
    }

    @Test
    void rejectsFourEightAndTwentyFiveBitFramesAsShort() {
        assertEquals(reject(WiegandRejection.SHORT_FRAME, 4), frameOf("0101")); // a keypad's 4-bit key
        assertEquals(reject(WiegandRejection.SHORT_FRAME, 8), frameOf("11100001")); // a keypad's 8-bit key
        assertEquals(
                reject(WiegandRejection.SHORT_FRAME, 25),
                frameOf(Bits.clean(FC59_CARD20934).substring(0, 25)));
    }

    @Test
    void rejectsBitCountsBetweenTheFormatsAsShort() {
        assertEquals(reject(WiegandRejection.SHORT_FRAME, 27), frameOf(Bits.clean(FC59_CARD20934) + "1"));
        assertEquals(
                reject(WiegandRejection.SHORT_FRAME, 33),
                frameOf(Bits.clean(W34_003B51C6).substring(1)));
    }

    @Test
    void rejectsThirtyFiveBitsAndMoreAsLong() {
        assertEquals(reject(WiegandRejection.LONG_FRAME, 35), frameOf(Bits.clean(W34_003B51C6) + "0"));
        assertEquals(reject(WiegandRejection.LONG_FRAME, 500), frameOf("1".repeat(500)));
    }

    @Test
    void rejectsASingleLonePulseAsNoise() {
        assertEquals(reject(WiegandRejection.NOISE, 1), frameOf("1"));
        assertEquals(reject(WiegandRejection.NOISE, 1), frameOf("0"));
    }

    @Test
    void rejectsAFrameDuringWhichBothLinesWereLowAsNoise() {
        String bits = Bits.clean(FC59_CARD20934);
        feed(bits.substring(0, 10), T0);
        assertEquals(Optional.empty(), decoder.bothLow(T0 + 10 * INTERVAL));
        long last = feed(bits.substring(10), T0 + 11 * INTERVAL);

        assertEquals(Optional.of(reject(WiegandRejection.NOISE, 26)), decoder.poll(last + TIMEOUT));
    }

    @Test
    void rejectsBothLinesLowOnItsOwnAsNoise() {
        decoder.bothLow(T0);

        assertEquals(Optional.of(reject(WiegandRejection.NOISE, 0)), decoder.poll(T0 + TIMEOUT));
    }

    @Test
    void endsTheFrameAtExactlyTheTimeoutNotBefore() {
        long last = feed(FC59_CARD20934, T0);

        assertEquals(Optional.empty(), decoder.poll(last + 24_900_000L)); // 24.9 ms
        assertTrue(decoder.inFrame());
        assertEquals(Optional.of(new WiegandFrame(WiegandFormat.W26, 59, 20934)), decoder.poll(last + 25_000_000L));
        assertFalse(decoder.inFrame());
        assertEquals(Optional.empty(), decoder.poll(last + 60 * MS), "a frame is reported once");
    }

    @Test
    void aGapOf24Point9MsInsideAFrameKeepsItWhole() {
        String bits = Bits.clean(FC59_CARD20934);
        long mid = feed(bits.substring(0, 13), T0);
        long last = feed(bits.substring(13), mid + 24_900_000L);

        assertEquals(Optional.of(new WiegandFrame(WiegandFormat.W26, 59, 20934)), decoder.poll(last + TIMEOUT));
    }

    @Test
    void aGapOfExactly25MsInsideAFrameSplitsItInTwo() {
        String bits = Bits.clean(FC59_CARD20934);
        long mid = feed(bits.substring(0, 13), T0);

        assertEquals(
                Optional.of(reject(WiegandRejection.SHORT_FRAME, 13)),
                decoder.feed(bits.charAt(13) - '0', mid + 25_000_000L));
        long last = feed(bits.substring(14), mid + 25_000_000L + INTERVAL);
        assertEquals(Optional.of(reject(WiegandRejection.SHORT_FRAME, 13)), decoder.poll(last + TIMEOUT));
    }

    @Test
    void theNextFramesFirstEdgeEndsAFrameNobodyPolled() {
        long last = feed(FC1_CARD1, T0);
        long next = last + 40 * MS;

        assertEquals(Optional.of(new WiegandFrame(WiegandFormat.W26, 1, 1)), decoder.feed(1, next));
        long end = feed(Bits.clean(FC59_CARD20934).substring(1), next + INTERVAL);
        assertEquals(Optional.of(new WiegandFrame(WiegandFormat.W26, 59, 20934)), decoder.poll(end + TIMEOUT));
    }

    @Test
    void pollWithoutAFrameReturnsNothing() {
        assertEquals(Optional.empty(), decoder.poll(T0));
        assertEquals(Optional.empty(), decoder.poll(Long.MIN_VALUE));
    }

    @Test
    void survivesTheNanoClockWrappingAroundMidFrame() {
        long start = Long.MAX_VALUE - 10 * MS;
        long last = feed(FC59_CARD20934, start);

        assertTrue(last < start, "the stamps wrapped");
        assertEquals(Optional.empty(), decoder.poll(last + 24 * MS));
        assertEquals(Optional.of(new WiegandFrame(WiegandFormat.W26, 59, 20934)), decoder.poll(last + TIMEOUT));
    }

    @Test
    void anEdgeStampedSlightlyBeforeThePreviousOneCountsAsNoGap() {
        String bits = Bits.clean(FC59_CARD20934);
        long t = feed(bits.substring(0, 20), T0);
        decoder.feed(bits.charAt(20) - '0', t - 1_000); // two event threads can stamp out of order
        long last = feed(bits.substring(21), t + INTERVAL);

        assertEquals(Optional.of(new WiegandFrame(WiegandFormat.W26, 59, 20934)), decoder.poll(last + TIMEOUT));
    }

    @Test
    void honoursAConfiguredTimeout() {
        WiegandDecoder slow = new WiegandDecoder(Duration.ofMillis(50));
        slow.feed(1, T0);

        assertEquals(Optional.empty(), slow.poll(T0 + 49 * MS));
        assertEquals(Optional.of(reject(WiegandRejection.NOISE, 1)), slow.poll(T0 + 50 * MS));
    }

    @Test
    void rejectsBitsOtherThanZeroAndOneAndNonPositiveTimeouts() {
        assertThrows(IllegalArgumentException.class, () -> decoder.feed(2, T0));
        assertThrows(IllegalArgumentException.class, () -> decoder.feed(-1, T0));
        assertThrows(IllegalArgumentException.class, () -> new WiegandDecoder(Duration.ZERO));
        assertFalse(decoder.inFrame(), "a refused bit starts no frame");
    }

    private WiegandResult frameOf(String bits) {
        long last = feed(bits, T0);
        assertEquals(Optional.empty(), decoder.poll(last + TIMEOUT - 1));
        Optional<WiegandResult> result = decoder.poll(last + TIMEOUT);
        assertTrue(result.isPresent(), "frame ends after the timeout");
        return result.get();
    }

    /** Feeds the bits one interval apart from {@code start}, checking that none ends a frame; returns the last edge time. */
    private long feed(String bits, long start) {
        String s = Bits.clean(bits);
        long t = start;
        for (int i = 0; i < s.length(); i++) {
            t = start + i * INTERVAL;
            assertEquals(Optional.empty(), decoder.feed(s.charAt(i) - '0', t), "bit " + (i + 1) + " ended a frame");
        }
        return t;
    }

    private static WiegandRejection reject(String reason, int bits) {
        return new WiegandRejection(reason, bits);
    }
}
