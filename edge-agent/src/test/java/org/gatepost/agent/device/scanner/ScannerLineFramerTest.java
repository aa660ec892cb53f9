package org.gatepost.agent.device.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScannerLineFramerTest {
    private static final Duration GAP = Duration.ofMillis(100);
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private final RecordingSink sink = new RecordingSink();

    /** Bytes that arrive in one read, the framer's terminator and maximum, and the lines they must give. */
    static Stream<Arguments> linesEndedByTheTerminator() {
        return Stream.of(
                arguments("CR ends a line", Terminator.CR, 2048, "052301\rABC\r", List.of("052301", "ABC")),
                // an EM1365 capture: the code followed by 0D 0A
                arguments(
                        "CR mode also takes CRLF without empty or LF-leading lines",
                        Terminator.CR,
                        2048,
                        "052301\r\nABC\r\n",
                        List.of("052301", "ABC")),
                arguments("CRLF ends a line and strips the CR", Terminator.CRLF, 2048, "052301\r\n", List.of("052301")),
                arguments(
                        "CRLF mode keeps a lone CR as text and ends on a lone LF",
                        Terminator.CRLF,
                        2048,
                        "A\rB\r\nC\n",
                        List.of("A\rB", "C")),
                arguments(
                        "TAB ends a line and CR is text", Terminator.TAB, 2048, "ABC\tD\rE\t", List.of("ABC", "D\rE")),
                arguments(
                        "a line of exactly the maximum is accepted",
                        Terminator.CR,
                        8,
                        "12345678\r",
                        List.of("12345678")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linesEndedByTheTerminator")
    void theTerminatorEndsEachLineAndLeavesNothingBuffered(
            String what, Terminator terminator, int max, String fed, List<String> lines) {
        ScannerLineFramer framer = framer(terminator, max);

        feed(framer, fed, T0);

        assertEquals(lines, sink.lines);
        assertEquals(Collections.nCopies(lines.size(), false), sink.byGap, "ended by the terminator, not the gap");
        assertEquals(0, framer.buffered());
    }

    @Test
    void aCrlfSplitAcrossReadsEndsOneLine() {
        ScannerLineFramer framer = framer(Terminator.CRLF, 2048);

        feed(framer, "https://jkm.example/q?t=1\r", T0);
        assertEquals(List.of(), sink.lines);
        feed(framer, "\nNEXT\r", T0);
        feed(framer, "\n", T0);

        assertEquals(List.of("https://jkm.example/q?t=1", "NEXT"), sink.lines);
        assertEquals(0, framer.buffered());
    }

    @Test
    void crlfModeDropsACrLeftDanglingAtTheIdleGap() {
        ScannerLineFramer framer = framer(Terminator.CRLF, 2048);

        feed(framer, "ABC\r", T0);
        framer.tick(T0.plus(GAP), sink);
        feed(framer, "\n", T0.plusSeconds(1)); // the late LF ends an empty line: ignored

        assertEquals(List.of("ABC"), sink.lines);
        assertEquals(List.of(true), sink.byGap);
    }

    @Test
    void noneFramesOnTheIdleGapOnly() {
        ScannerLineFramer framer = framer(Terminator.NONE, 2048);

        feed(framer, "ABC\r\n", T0);
        framer.tick(T0.plus(GAP).minusMillis(1), sink);
        assertEquals(List.of(), sink.lines, "not idle long enough");
        framer.tick(T0.plus(GAP), sink);
        feed(framer, "DEF", T0.plusMillis(300));
        framer.tick(T0.plusMillis(400), sink);

        assertEquals(List.of("ABC\r\n", "DEF"), sink.lines);
        assertEquals(List.of(true, true), sink.byGap);
        assertEquals(2, framer.gapLines());
    }

    @Test
    void aLineWithoutItsTerminatorEndsAtTheIdleGap() {
        ScannerLineFramer framer = framer(Terminator.CR, 2048);

        feed(framer, "ABC", T0);
        framer.tick(T0.plus(GAP), sink);
        feed(framer, "DEF\r", T0.plusMillis(500));

        assertEquals(List.of("ABC", "DEF"), sink.lines);
        assertEquals(List.of(true, false), sink.byGap);
    }

    @Test
    void bytesReadLateAfterAPauseStillJoinTheLineWithoutATick() {
        ScannerLineFramer framer = framer(Terminator.CR, 2048);

        // the reader thread stalled; the gap is only judged when a read comes back empty
        feed(framer, "AB", T0);
        feed(framer, "C\r", T0.plusMillis(500));

        assertEquals(List.of("ABC"), sink.lines);
    }

    @Test
    void emptyLinesAreIgnored() {
        ScannerLineFramer framer = framer(Terminator.CR, 2048);

        feed(framer, "\r\r\r\n\r", T0);
        framer.tick(T0.plusSeconds(1), sink);

        assertEquals(List.of(), sink.lines);
        assertEquals(List.of(), sink.rejected);
    }

    @Test
    void anOversizeLineIsRejectedOnceAndItsRestDiscardedUpToTheTerminator() {
        ScannerLineFramer framer = framer(Terminator.CR, 8);

        feed(framer, "12345", T0);
        feed(framer, "6789ABCDEF", T0);
        assertTrue(framer.buffered() <= 8, "the buffer never grows past the limit");
        feed(framer, "GHIJ\rOK\r", T0);

        assertEquals(List.of("oversize"), sink.rejected);
        assertEquals(List.of("OK"), sink.lines);
        assertEquals(1, framer.oversize());
    }

    @Test
    void anOversizeLineWithoutTerminatorIsDiscardedUpToTheIdleGap() {
        ScannerLineFramer framer = framer(Terminator.NONE, 8);

        feed(framer, "0123456789".repeat(50), T0);
        framer.tick(T0.plus(GAP), sink);
        feed(framer, "OK", T0.plusSeconds(1));
        framer.tick(T0.plusSeconds(2), sink);

        assertEquals(List.of("oversize"), sink.rejected);
        assertEquals(List.of("OK"), sink.lines);
    }

    @Test
    void resetDropsAPartialLine() {
        ScannerLineFramer framer = framer(Terminator.CR, 2048);
        feed(framer, "HALF", T0);

        framer.reset();
        feed(framer, "WHOLE\r", T0);

        assertEquals(List.of("WHOLE"), sink.lines);
    }

    private ScannerLineFramer framer(Terminator terminator, int max) {
        return new ScannerLineFramer(terminator, GAP, max);
    }

    private void feed(ScannerLineFramer framer, String latin1, Instant at) {
        byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
        framer.feed(b, 0, b.length, at, sink);
    }
}
