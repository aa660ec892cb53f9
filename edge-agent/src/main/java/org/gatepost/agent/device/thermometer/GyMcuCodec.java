package org.gatepost.agent.device.thermometer;

import org.gatepost.agent.device.codec.FrameDecoder;

/**
 * Byte-level codec for the GY-MCU90614 / GY-MCU90615 UART thermometer modules (an MLX9061x behind an
 * on-board MCU), in both roles: the agent decodes module frames and encodes commands; the simulator
 * decodes commands and encodes module frames. Frame format, commands, validity rules and the driver's
 * fault handling are documented in {@code docs/protocols/thermometer-gy-mcu.md} (repository root).
 *
 * <p>Host to module: {@code A5 CMD SUM} with {@code SUM = (0xA5 + CMD) & 0xFF}. Module to host:
 * {@code 5A 5A 45 04 TOh TOl TAh TAl SUM}, object and ambient temperature as signed 16-bit big-endian
 * values in 0.01 °C, {@code SUM} the low byte of the sum of the eight bytes before it.
 *
 * <p>Stateless; every member is safe for concurrent use.
 */
public final class GyMcuCodec {
    /** Both header bytes of a module frame. */
    public static final int FRAME_HEADER = 0x5A;
    /** Frame type byte of a temperature frame, the only type the module sends. */
    public static final int FRAME_TYPE_TEMPERATURE = 0x45;
    /** Data-length byte of a temperature frame: two 16-bit values. */
    public static final int FRAME_DATA_LENGTH = 0x04;
    /** Total length of a module frame in bytes. */
    public static final int FRAME_LENGTH = 9;

    /** First byte of every host command. */
    public static final int COMMAND_HEADER = 0xA5;
    /** Total length of a host command in bytes. */
    public static final int COMMAND_LENGTH = 3;
    /** Start streaming frames (about 14 Hz). */
    public static final int CMD_CONTINUOUS = 0x45;
    /** Send one frame now; keep queries below 10 Hz. */
    public static final int CMD_QUERY = 0x15;
    /** Switch to 9600 baud after the next power cycle. */
    public static final int CMD_BAUD_9600 = 0xAE;
    /** Switch to 115200 baud after the next power cycle. */
    public static final int CMD_BAUD_115200 = 0xAF;
    /** Stream automatically from power-up (after the next power cycle). */
    public static final int CMD_AUTOSEND_ON = 0x51;
    /** Stay quiet at power-up until told (after the next power cycle). */
    public static final int CMD_AUTOSEND_OFF = 0x52;

    /** MLX9061x factory-calibrated ambient range, in 0.01 °C. */
    public static final int AMBIENT_MIN_CENTI_C = -40_00;

    public static final int AMBIENT_MAX_CENTI_C = 125_00;
    /**
     * MLX9061x factory-calibrated object range, in 0.01 °C. The frame's int16 tops out at 327.67 °C, so
     * only the lower bound can actually be exceeded on the wire.
     */
    public static final int OBJECT_MIN_CENTI_C = -70_00;

    public static final int OBJECT_MAX_CENTI_C = 380_00;

    private static final FrameDecoder<TemperatureFrame> FRAME_DECODER = new TemperatureFrameDecoder();
    private static final FrameDecoder<GyMcuCommand> COMMAND_DECODER = new GyMcuCommandDecoder();

    private GyMcuCodec() {}

    /** Decodes module-to-host temperature frames (host role). */
    public static FrameDecoder<TemperatureFrame> frameDecoder() {
        return FRAME_DECODER;
    }

    /** Decodes host-to-module commands (device role, used by emulators). */
    public static FrameDecoder<GyMcuCommand> commandDecoder() {
        return COMMAND_DECODER;
    }

    /** The 3-byte host command {@code A5 cmd sum}; {@code cmd} must fit in one unsigned byte. */
    public static byte[] command(int cmd) {
        if (cmd < 0 || cmd > 0xFF) {
            throw new IllegalArgumentException("command must be one byte: " + cmd);
        }
        return new byte[] {(byte) COMMAND_HEADER, (byte) cmd, (byte) (COMMAND_HEADER + cmd)};
    }

    /**
     * The 9-byte module frame for the given temperatures in 0.01 °C (device role). Both values must fit
     * in a signed 16-bit integer; they are not range-checked against the sensor limits, so emulators can
     * send implausible readings on purpose.
     */
    public static byte[] encodeFrame(int objectCentiC, int ambientCentiC) {
        TemperatureFrame.requireInt16("objectCentiC", objectCentiC);
        TemperatureFrame.requireInt16("ambientCentiC", ambientCentiC);
        byte[] f = new byte[FRAME_LENGTH];
        f[0] = (byte) FRAME_HEADER;
        f[1] = (byte) FRAME_HEADER;
        f[2] = (byte) FRAME_TYPE_TEMPERATURE;
        f[3] = (byte) FRAME_DATA_LENGTH;
        f[4] = (byte) (objectCentiC >> 8);
        f[5] = (byte) objectCentiC;
        f[6] = (byte) (ambientCentiC >> 8);
        f[7] = (byte) ambientCentiC;
        f[8] = (byte) checksum(f, 0, FRAME_LENGTH - 1);
        return f;
    }

    /** The low byte of the sum of {@code length} bytes from {@code offset}, as 0..255. */
    static int checksum(byte[] bytes, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += bytes[i] & 0xFF;
        }
        return sum & 0xFF;
    }
}
