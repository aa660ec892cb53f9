package org.gatepost.agent.device.thermometer;

/**
 * One decoded host-to-module command ({@code A5 code sum}). Unknown codes with a good checksum are kept,
 * so an emulator can log and ignore them. Immutable.
 *
 * @param code the command byte, 0..255; see the {@code CMD_} constants of {@link GyMcuCodec}
 */
public record GyMcuCommand(int code) {
    public static final GyMcuCommand CONTINUOUS = new GyMcuCommand(GyMcuCodec.CMD_CONTINUOUS);
    public static final GyMcuCommand QUERY = new GyMcuCommand(GyMcuCodec.CMD_QUERY);

    public GyMcuCommand {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("command must be one byte: " + code);
        }
    }

    /** The three bytes on the wire. */
    public byte[] bytes() {
        return GyMcuCodec.command(code);
    }

    @Override
    public String toString() {
        return String.format("GyMcuCommand[0x%02X]", code);
    }
}
