package org.gatepost.simulator.thermometer;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.thermometer.GyMcuCodec;
import org.gatepost.agent.device.thermometer.GyMcuCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GY-MCU90614/90615 thermometer module on the device end of a serial link, speaking the agent's own
 * {@link GyMcuCodec} in the device role. See {@code docs/protocols/thermometer-gy-mcu.md}.
 *
 * <p>Like the real module it is quiet at power-up; after {@code A5 45 EA} it streams a frame every
 * {@link #FRAME_INTERVAL}, and after {@code A5 15 BA} it sends one frame (without changing the
 * streaming mode). Baud-rate and auto-send commands are accepted and ignored (on the module they only
 * take effect after a power cycle).
 *
 * <p>{@link #start()} starts two daemon threads: one reads and parses commands, one writes frames, so the
 * link has one reader and one writer. All setters are thread safe and take effect from the next frame.
 * When the link dies both threads end and {@link #isRunning()} turns false; the emulator cannot be
 * restarted, the caller makes a new one on a new link. {@link #close()} stops the threads and closes the
 * link.
 */
public final class ThermometerEmulator implements Closeable {
    /** Period of continuous output: about 14 Hz, as the module's listing states. */
    public static final Duration FRAME_INTERVAL = Duration.ofMillis(70);

    public static final double DEFAULT_AMBIENT_C = 25.0;
    /** With nobody in front, the object reading is the scene behind: ambient plus this much. */
    public static final double CLEAR_SCENE_ABOVE_AMBIENT_C = 1.0;
    /** Bytes of a frame sent by {@link #injectTruncated()}: header and object temperature, no ambient. */
    static final int TRUNCATED_LENGTH = 6;

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ThermometerEmulator.class);

    private final SerialLink link;
    private volatile boolean wrongBaud;
    private final EmulatorState state = new EmulatorState(centi(DEFAULT_AMBIENT_C), centi(CLEAR_SCENE_ABOVE_AMBIENT_C));
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong commandsReceived = new AtomicLong();
    private Thread reader;
    private Thread writer;

    /** Takes ownership of {@code deviceEnd}; nothing happens until {@link #start()}. */
    public ThermometerEmulator(SerialLink deviceEnd) {
        this.link = Objects.requireNonNull(deviceEnd, "deviceEnd");
    }

    /** Starts the reader and writer threads; returns this. Call once. */
    public synchronized ThermometerEmulator start() {
        if (reader != null) {
            throw new IllegalStateException("emulator already started on " + link.name());
        }
        reader = Thread.ofPlatform().daemon().name("thermometer-emulator-rx").unstarted(this::readLoop);
        writer = Thread.ofPlatform().daemon().name("thermometer-emulator-tx").unstarted(this::writeLoop);
        reader.start();
        writer.start();
        log.info("event=emulator-started device=thermometer port={}", link.name());
        return this;
    }

    /** A person in front of the sensor: object temperature {@code objectC} °C. */
    public void aim(double objectC) {
        state.aim(centi(objectC));
    }

    /** Nobody in front: the object reads the scene, slightly above ambient. */
    public void clear() {
        state.clear();
    }

    /** Ambient (sensor) temperature in °C. */
    public void setAmbient(double ambientC) {
        state.setAmbient(centi(ambientC));
    }

    /** The next {@code frames} frames carry a wrong checksum. */
    public void injectBadChecksum(int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames must not be negative: " + frames);
        }
        state.injectBadChecksum(frames);
    }

    /** Sends {@code bytes} as soon as possible, even while silent: line noise. */
    /**
     * While on, the module talks at another baud than the host listens at: every frame arrives as the bytes a
     * UART sampling 9600 baud makes of a 115200-baud frame (each byte's first bit stretched into a whole byte,
     * so mostly {@code 0x00}, {@code 0x80}, {@code 0xF8}, {@code 0xFE}). A pty carries bytes at any baud, so this
     * is how a mismatch is shown to a driver on a pty.
     */
    public void wrongBaud(boolean on) {
        wrongBaud = on;
    }

    private static byte[] atWrongBaud(byte[] frame) {
        byte[] out = new byte[frame.length];
        for (int i = 0; i < frame.length; i++) {
            int b = frame[i] & 0xFF;
            out[i] = (byte) ((b & 1) != 0 ? 0xFE : (b & 0x80) != 0 ? 0xF8 : (b & 0x10) != 0 ? 0x80 : 0x00);
        }
        return out;
    }

    public void injectGarbage(byte[] bytes) {
        state.injectGarbage(bytes.clone());
    }

    /** The next frame stops after {@value #TRUNCATED_LENGTH} bytes, as if the line dropped out mid-frame. */
    public void injectTruncated() {
        state.injectTruncated();
    }

    /** While true the module sends no frames and ignores queries (streaming mode is kept). */
    public void silence(boolean silent) {
        state.silence(silent);
    }

    /** Forgets continuous mode, as a module that lost power does: the host must ask again. */
    public void powerCycle() {
        state.powerCycle();
        log.info("event=emulator-power-cycle device=thermometer port={}", link.name());
    }

    /** Temperature frames written so far, including those spoiled by fault injection. */
    public long framesSent() {
        return framesSent.get();
    }

    /** Well-formed commands received so far. */
    public long commandsReceived() {
        return commandsReceived.get();
    }

    /** True until the link dies or {@link #close()} is called. */
    public boolean isRunning() {
        return state.running();
    }

    /** Stops both threads (waiting up to two seconds) and closes the link. Idempotent. */
    @Override
    public void close() {
        state.stop();
        link.close();
        Thread r;
        Thread w;
        synchronized (this) {
            r = reader;
            w = writer;
        }
        join(r);
        join(w);
    }

    private void readLoop() {
        FrameReader<GyMcuCommand> commands = new FrameReader<>(GyMcuCodec.commandDecoder(), 16);
        byte[] chunk = new byte[32];
        try {
            while (state.running()) {
                int n = link.read(chunk, 0, chunk.length);
                if (n > 0)
                    commands.feed(
                            chunk,
                            0,
                            n,
                            this::onCommand,
                            reason -> log.debug(
                                    "event=bad-command device=thermometer port={} reason={}", link.name(), reason));
            }
        } catch (IOException e) {
            linkDied(e);
        } finally {
            state.stop();
        }
    }

    private void onCommand(GyMcuCommand command) {
        commandsReceived.incrementAndGet();
        switch (command.code()) {
            case GyMcuCodec.CMD_CONTINUOUS -> state.startStreaming(System.nanoTime());
            case GyMcuCodec.CMD_QUERY -> state.query();
            default -> log.info("event=command-ignored device=thermometer port={} command={}", link.name(), command);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                EmulatorState.Output out = state.awaitOutput(FRAME_INTERVAL.toNanos());
                if (out == null) {
                    return;
                }
                byte[] bytes = out.bytes();
                if (out.isFrame()) {
                    bytes = GyMcuCodec.encodeFrame(out.objectCentiC(), out.ambientCentiC());
                    if (out.badChecksum()) {
                        bytes[GyMcuCodec.FRAME_LENGTH - 1] ^= (byte) 0xFF;
                    }
                    if (out.truncated()) {
                        bytes = Arrays.copyOf(bytes, TRUNCATED_LENGTH);
                    }
                    if (wrongBaud) {
                        bytes = atWrongBaud(bytes);
                    }
                    framesSent.incrementAndGet();
                }
                link.write(bytes);
            }
        } catch (IOException e) {
            linkDied(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            state.stop();
        }
    }

    private void linkDied(IOException e) {
        if (state.running()) {
            log.info("event=emulator-link-lost device=thermometer port={} error=\"{}\"", link.name(), e.getMessage());
        }
    }

    private static void join(Thread t) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        t.interrupt();
        try {
            t.join(JOIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int centi(double c) {
        long v = Math.round(c * 100);
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new IllegalArgumentException("temperature does not fit the frame's int16 of 0.01 °C: " + c);
        }
        return (int) v;
    }
}
