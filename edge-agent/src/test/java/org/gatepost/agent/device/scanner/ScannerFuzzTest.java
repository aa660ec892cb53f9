package org.gatepost.agent.device.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;
import org.gatepost.agent.device.scanner.ScannerSettings.TextEncoding;
import org.gatepost.agent.testing.Fuzz;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A million random bytes per terminator, cut into random reads with idle gaps only inside the noise, with
 * good GBK scans interleaved: the framer and decoder never throw, finish, and find every good scan in order.
 */
class ScannerFuzzTest {
    private static final int MIN_RANDOM_BYTES = 1_000_000;
    private static final int MAX_LENGTH = 256;
    private static final Duration GAP = Duration.ofMillis(100);
    private static final Charset GBK = Charset.forName("GBK");

    @ParameterizedTest
    @EnumSource(Terminator.class)
    void findsEveryGoodScanInterleavedWithAMillionRandomBytesAndNeverThrows(Terminator terminator) {
        SplittableRandom random = new SplittableRandom(0x6565L + terminator.ordinal());
        Fed fed = new Fed(terminator);
        List<String> interleaved = new ArrayList<>();

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            int randomBytes = 0;
            while (randomBytes < MIN_RANDOM_BYTES) {
                byte[] noise = new byte[random.nextInt(0, 3 * MAX_LENGTH)];
                random.nextBytes(noise);
                fed.noise(noise, random);
                randomBytes += noise.length;
                String scan = "健康码:绿码 #" + interleaved.size() + " https://jkm.example/q?t=" + random.nextInt(1 << 30);
                interleaved.add(scan);
                fed.scan(scan.getBytes(GBK), random);
            }
            fed.idle();
        });

        assertEquals(
                interleaved.size(),
                Fuzz.countInOrder(interleaved, fed.decoded),
                "interleaved good scans found in order");
        assertTrue(fed.framer.oversize() > 0, "noise runs past the limit: oversize must be exercised");
        assertTrue(fed.unreadable > 0, "noise lines must be rejected as unreadable");
        assertEquals(0, fed.framer.buffered(), "nothing is left after the final gap");
    }

    /** Feeds a framer the way the driver does, on a simulated clock. */
    private static final class Fed implements ScannerLineFramer.Sink {
        final Terminator terminator;
        final ScannerLineFramer framer;
        final List<String> decoded = new ArrayList<>();
        int unreadable;
        Instant now = Instant.parse("2025-03-01T08:00:00Z");

        Fed(Terminator terminator) {
            this.terminator = terminator;
            this.framer = new ScannerLineFramer(terminator, GAP, MAX_LENGTH);
        }

        void noise(byte[] noise, SplittableRandom random) {
            for (int pos = 0; pos < noise.length; ) {
                int n = Math.min(random.nextInt(1, 64), noise.length - pos);
                read(noise, pos, n);
                pos += n;
                if (random.nextInt(8) == 0) {
                    idle();
                }
            }
        }

        /** A scan as the module sends it: a clean line start (the tail, or a gap), the code, its tail. */
        void scan(byte[] code, SplittableRandom random) {
            byte[] tail = terminator.bytes();
            if (terminator == Terminator.NONE) {
                idle();
            } else {
                read(tail, 0, tail.length);
            }
            for (int pos = 0; pos < code.length; ) {
                int n = Math.min(random.nextInt(1, 64), code.length - pos);
                read(code, pos, n);
                pos += n;
            }
            if (terminator == Terminator.NONE) {
                idle();
            } else {
                read(tail, 0, tail.length);
            }
        }

        void read(byte[] b, int off, int n) {
            now = now.plusMillis(1);
            framer.feed(b, off, n, now, this);
        }

        void idle() {
            now = now.plus(GAP);
            framer.tick(now, this);
        }

        @Override
        public void line(byte[] text, boolean byGap) {
            try {
                decoded.add(ScanText.decode(text, TextEncoding.GBK));
            } catch (UnreadableScanException e) {
                unreadable++;
            }
        }

        @Override
        public void rejected(String reason) {
            assertEquals("oversize", reason);
        }
    }
}
