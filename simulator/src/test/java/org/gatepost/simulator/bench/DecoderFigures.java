package org.gatepost.simulator.bench;

import static org.gatepost.simulator.bench.Figure.Reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.gatepost.agent.device.wiegand.WiegandDecoder;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Figure 7: runs {@link DecoderBenchmarks} under JMH with its GC profiler and reports, per protocol, decoding
 * throughput (MB/s of input; frames/s for Wiegand, whose input is pulses) with the line's own rate as the
 * reference (how many times faster than the wire the decoder is), and the bytes allocated per frame.
 */
final class DecoderFigures {
    private static final double MB = 1_000_000.0;

    /** One protocol: its benchmark method, bytes and frames per operation, and the wire's rate in the same unit. */
    private record Protocol(
            String id,
            String method,
            String title,
            double bytesPerOp,
            double wirePerSecond,
            String wire,
            boolean frames) {}

    private DecoderFigures() {}

    private static List<Protocol> protocols() {
        int f = DecoderStreams.FRAMES;
        double wiegandFrameSeconds =
                (26 * DecoderStreams.WIEGAND_BIT_NANOS + WiegandDecoder.DEFAULT_TIMEOUT.toNanos()) / 1e9;
        return List.of(
                new Protocol(
                        "7a",
                        "gyMcu",
                        "GY-MCU thermometer frames",
                        DecoderStreams.gyMcu().length,
                        960 / MB,
                        "9600 baud",
                        false),
                new Protocol(
                        "7b",
                        "sam",
                        "SAM ID card reader responses",
                        DecoderStreams.sam().length,
                        11_520 / MB,
                        "115200 baud",
                        false),
                new Protocol(
                        "7c",
                        "modbus",
                        "Modbus RTU thermometer replies",
                        DecoderStreams.modbus().length,
                        960 / MB,
                        "9600 baud",
                        false),
                new Protocol(
                        "7d",
                        "rdm6300",
                        "RDM6300 RFID frames",
                        DecoderStreams.rdm6300().length,
                        960 / MB,
                        "9600 baud",
                        false),
                new Protocol(
                        "7e",
                        "scannerLines",
                        "QR scanner line framer",
                        DecoderStreams.qrLines().length,
                        960 / MB,
                        "9600 baud",
                        false),
                new Protocol(
                        "7f",
                        "wiegand",
                        "Wiegand 26 decoder",
                        f,
                        1 / wiegandFrameSeconds,
                        "a bit a millisecond, 25 ms gap",
                        true));
    }

    static List<Figure> run(BenchEnv env) throws Exception {
        Scale s = env.scale();
        env.say(
                "7 decoders under JMH: %d fork(s), %d×%s warm-up, %d×%s measured",
                s.jmhForks(), s.jmhWarmups(), s.jmhWarmup(), s.jmhMeasurements(), s.jmhMeasure());
        Options options = new OptionsBuilder()
                .include(DecoderBenchmarks.class.getName() + "\\.")
                .forks(s.jmhForks())
                .jvmArgsAppend("-Xmx256m")
                .warmupIterations(s.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(s.jmhWarmup().toMillis()))
                .measurementIterations(s.jmhMeasurements())
                .measurementTime(TimeValue.milliseconds(s.jmhMeasure().toMillis()))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Figure> figures = new ArrayList<>();
        for (Protocol p : protocols()) {
            RunResult r = find(results, p.method());
            double opsPerSecond = r.getPrimaryResult().getScore();
            double allocPerFrame = allocPerOp(r.getSecondaryResults()) / DecoderStreams.FRAMES;
            double value = p.frames() ? opsPerSecond * p.bytesPerOp() : opsPerSecond * p.bytesPerOp() / MB;
            String unit = p.frames() ? "frames/s" : "MB/s";
            String detail = String.format(
                    "%d frames an operation, %s; %.0f B allocated per frame (JMH gc.alloc.rate.norm); "
                            + "±%s %s (99.9%% CI)",
                    DecoderStreams.FRAMES,
                    p.frames() ? "fed edge by edge" : "fed in the driver's read size",
                    allocPerFrame,
                    Figure.number(
                            r.getPrimaryResult().getScoreError() * (p.frames() ? p.bytesPerOp() : p.bytesPerOp() / MB)),
                    unit);
            figures.add(new Figure(
                    p.id(),
                    "Decoder: " + p.title(),
                    value,
                    unit,
                    null,
                    new Reference("the line's rate, " + p.wire(), p.wirePerSecond(), unit),
                    detail));
            figures.add(new Figure(
                    p.id() + "-alloc",
                    "Decoder: " + p.title() + ", allocation per frame",
                    Math.max(allocPerFrame, 0),
                    "B",
                    null,
                    null,
                    ""));
        }
        return figures;
    }

    private static RunResult find(Collection<RunResult> results, String method) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("." + method)) {
                return r;
            }
        }
        throw new IllegalStateException("JMH produced no result for " + method);
    }

    private static double allocPerOp(Map<String, ?> secondary) {
        for (Map.Entry<String, ?> e : secondary.entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return ((Result<?>) e.getValue()).getScore();
            }
        }
        throw new IllegalStateException("JMH's GC profiler reported no gc.alloc.rate.norm: " + secondary.keySet());
    }
}
