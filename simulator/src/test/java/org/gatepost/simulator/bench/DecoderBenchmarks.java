package org.gatepost.simulator.bench;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.idcard.SamCodec;
import org.gatepost.agent.device.idcard.SamFrame;
import org.gatepost.agent.device.modbus.ModbusRequest;
import org.gatepost.agent.device.modbus.ModbusResponse;
import org.gatepost.agent.device.modbus.ModbusRtuCodec;
import org.gatepost.agent.device.rfid.Rdm6300Codec;
import org.gatepost.agent.device.rfid.Rdm6300Frame;
import org.gatepost.agent.device.scanner.ScannerLineFramer;
import org.gatepost.agent.device.scanner.ScannerSettings;
import org.gatepost.agent.device.thermometer.GyMcuCodec;
import org.gatepost.agent.device.thermometer.TemperatureFrame;
import org.gatepost.agent.device.wiegand.WiegandDecoder;
import org.gatepost.agent.device.wiegand.WiegandFormat;
import org.gatepost.agent.device.wiegand.WiegandResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Figure 7's micro-benchmarks (JMH): each operation decodes {@link DecoderStreams#FRAMES} frames of one device
 * protocol through the agent's own code, fed in the chunk sizes its driver reads ({@link FrameReader} with the
 * protocol's decoder; the QR scanner's {@link ScannerLineFramer}; the {@link WiegandDecoder} fed edge by edge).
 * Run by {@link DecoderFigures}, which turns operations per second into MB/s and JMH's allocation profile
 * into bytes per frame.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecoderBenchmarks {
    /** Bytes per read of the thermometer, RFID and Modbus drivers. */
    static final int SERIAL_CHUNK = 64;
    /** Bytes per read of the QR scanner driver. */
    static final int SCANNER_CHUNK = 256;
    /** Bytes per read of the ID card driver. */
    static final int SAM_CHUNK = 256;

    /** Keeps every decoded frame reachable (so none is optimised away) and counts them. */
    static final class Sink<T> implements Consumer<T> {
        T last;
        long count;

        @Override
        public void accept(T t) {
            last = t;
            count++;
        }
    }

    @State(Scope.Thread)
    public static class GyMcu {
        final byte[] stream = DecoderStreams.gyMcu();
        final FrameReader<TemperatureFrame> reader = new FrameReader<>(GyMcuCodec.frameDecoder(), 64);
        final Sink<TemperatureFrame> sink = new Sink<>();
    }

    @State(Scope.Thread)
    public static class Sam {
        final byte[] stream = DecoderStreams.sam();
        final FrameReader<SamFrame> reader = new FrameReader<>(SamCodec.DECODER, SamCodec.MAX_FRAME_LENGTH);
        final Sink<SamFrame> sink = new Sink<>();
    }

    @State(Scope.Thread)
    public static class Modbus {
        final byte[] stream = DecoderStreams.modbus();
        final FrameReader<ModbusResponse> reader = new FrameReader<>(
                ModbusRtuCodec.responseDecoder(new ModbusRequest.ReadHoldingRegisters(1, 0, 2)),
                ModbusRtuCodec.MAX_FRAME_LENGTH);
        final Sink<ModbusResponse> sink = new Sink<>();
    }

    @State(Scope.Thread)
    public static class Rdm6300 {
        final byte[] stream = DecoderStreams.rdm6300();
        final FrameReader<Rdm6300Frame> reader = new FrameReader<>(Rdm6300Codec.decoder(), 64);
        final Sink<Rdm6300Frame> sink = new Sink<>();
    }

    @State(Scope.Thread)
    public static class Scanner {
        final byte[] stream = DecoderStreams.qrLines();
        final ScannerLineFramer framer = new ScannerLineFramer(ScannerSettings.DEFAULT);
        final Instant now = Instant.parse("2026-11-28T08:00:00Z");
        final LineSink sink = new LineSink();
    }

    static final class LineSink implements ScannerLineFramer.Sink {
        byte[] last;
        long count;

        @Override
        public void line(byte[] text, boolean byGap) {
            last = text;
            count++;
        }

        @Override
        public void rejected(String reason) {
            throw new IllegalStateException("benchmark line rejected: " + reason);
        }
    }

    @State(Scope.Thread)
    public static class Wiegand {
        final long[] frames = DecoderStreams.wiegandFrames();
        final WiegandDecoder decoder = new WiegandDecoder();
        final int bits = WiegandFormat.W26.bits();
        long nanos;
        WiegandResult last;
    }

    @Benchmark
    public long gyMcu(GyMcu s) {
        feed(s.reader, s.stream, SERIAL_CHUNK, s.sink);
        return s.sink.count;
    }

    @Benchmark
    public long sam(Sam s) {
        feed(s.reader, s.stream, SAM_CHUNK, s.sink);
        return s.sink.count;
    }

    @Benchmark
    public long modbus(Modbus s) {
        feed(s.reader, s.stream, SERIAL_CHUNK, s.sink);
        return s.sink.count;
    }

    @Benchmark
    public long rdm6300(Rdm6300 s) {
        feed(s.reader, s.stream, SERIAL_CHUNK, s.sink);
        return s.sink.count;
    }

    @Benchmark
    public long scannerLines(Scanner s) {
        byte[] in = s.stream;
        for (int off = 0; off < in.length; off += SCANNER_CHUNK) {
            s.framer.feed(in, off, Math.min(SCANNER_CHUNK, in.length - off), s.now, s.sink);
        }
        return s.sink.count;
    }

    /** Each frame edge by edge, a bit every millisecond, then the poll that ends it after the silence. */
    @Benchmark
    public WiegandResult wiegand(Wiegand s) {
        for (long frame : s.frames) {
            for (int i = s.bits - 1; i >= 0; i--) {
                s.nanos += DecoderStreams.WIEGAND_BIT_NANOS;
                s.decoder.feed((int) (frame >>> i) & 1, s.nanos);
            }
            s.nanos += WiegandDecoder.DEFAULT_TIMEOUT.toNanos();
            Optional<WiegandResult> r = s.decoder.poll(s.nanos);
            if (r.isPresent()) {
                s.last = r.get();
            }
        }
        return s.last;
    }

    private static <T> void feed(FrameReader<T> reader, byte[] in, int chunk, Sink<T> sink) {
        for (int off = 0; off < in.length; off += chunk) {
            reader.feed(in, off, Math.min(chunk, in.length - off), sink, null);
        }
    }
}
