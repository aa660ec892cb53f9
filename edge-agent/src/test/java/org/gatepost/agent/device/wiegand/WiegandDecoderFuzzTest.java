package org.gatepost.agent.device.wiegand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gatepost.agent.testing.Fuzz;
import org.junit.jupiter.api.Test;

class WiegandDecoderFuzzTest {
    private static final int MIN_RANDOM_EVENTS = 1_000_000;
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long TIMEOUT = WiegandDecoder.DEFAULT_TIMEOUT.toNanos();

    @Test
    void findsEveryGoodFrameBetweenLongGapsInAMillionRandomEventsAndNeverThrows() {
        SplittableRandom random = new SplittableRandom(0x26_34L);
        WiegandDecoder decoder = new WiegandDecoder();
        List<WiegandFrame> interleaved = new ArrayList<>();
        List<WiegandResult> results = new ArrayList<>();
        long[] now = {Long.MAX_VALUE - 3_600_000 * MS}; // also crosses the nanoTime wrap-around

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            int randomEvents = 0;
            while (randomEvents < MIN_RANDOM_EVENTS) {
                int burst = random.nextInt(0, 80);
                for (int i = 0; i < burst; i++) {
                    long at = now[0] += randomGap(random);
                    maybePoll(decoder, random, at, results);
                    if (random.nextInt(100) == 0) {
                        decoder.bothLow(at).ifPresent(results::add);
                    } else {
                        decoder.feed(random.nextInt(2), at).ifPresent(results::add);
                    }
                }
                randomEvents += burst;
                WiegandFrame frame = distinctFrame(interleaved.size(), random);
                interleaved.add(frame);
                now[0] += random.nextLong(TIMEOUT, 100 * MS); // silence before the frame
                String bits = frame.bitString();
                for (int i = 0; i < bits.length(); i++) {
                    if (i > 0) { // the spec's pulse interval
                        now[0] += random.nextLong(200 * US, 20 * MS + 1);
                    }
                    maybePoll(decoder, random, now[0], results);
                    decoder.feed(bits.charAt(i) - '0', now[0]).ifPresent(results::add);
                }
                now[0] += TIMEOUT; // silence after the frame: the next random edge comes later still
                maybePoll(decoder, random, now[0], results);
            }
            decoder.poll(now[0] + TIMEOUT).ifPresent(results::add);
            assertTrue(randomEvents >= MIN_RANDOM_EVENTS);
        });

        assertEquals(
                interleaved.size(), Fuzz.countInOrder(interleaved, results), "interleaved good frames found in order");
        assertTrue(results.stream().anyMatch(r -> r instanceof WiegandRejection), "noise must be rejected");
        assertTrue(interleaved.size() > 10_000, "enough frames to mean something: " + interleaved.size());
    }

    /** Mostly reader-like gaps, some long enough to split frames, a few that only noise would make. */
    private static long randomGap(SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            return random.nextLong(200 * US, 3 * MS);
        }
        if (kind < 8) {
            return random.nextLong(0, 200 * US);
        }
        if (kind < 9) {
            return random.nextLong(3 * MS, 40 * MS);
        }
        return random.nextLong(40 * MS, 500 * MS);
    }

    /** Sometimes polls, as the timer would, at a random moment since the last edge but not after {@code at}. */
    private static void maybePoll(
            WiegandDecoder decoder, SplittableRandom random, long at, List<WiegandResult> results) {
        if (random.nextInt(3) == 0) {
            decoder.poll(at - random.nextLong(0, 30 * MS)).ifPresent(results::add);
        }
    }

    /** A frame whose number no other interleaved frame has, so noise cannot stand in for it by chance. */
    private static WiegandFrame distinctFrame(int index, SplittableRandom random) {
        if (random.nextBoolean()) {
            return new WiegandFrame(WiegandFormat.W26, index >>> 16 & 0xFF, index & 0xFFFF);
        }
        return new WiegandFrame(WiegandFormat.W34, index >>> 16, index & 0xFFFF);
    }
}
