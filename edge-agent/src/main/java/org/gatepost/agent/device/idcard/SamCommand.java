package org.gatepost.agent.device.idcard;

import java.util.Locale;
import java.util.Optional;

/**
 * The SAM commands the agent and the emulator use, as {@code CMD PARA} pairs. Spec values; see
 * {@code docs/protocols/id-card-sam.md}.
 */
public enum SamCommand {
    RESET_SAM(0x10, 0xFF),
    SAM_STATUS(0x11, 0xFF),
    FIND_CARD(0x20, 0x01),
    SELECT_CARD(0x20, 0x02),
    READ_BASE(0x30, 0x01),
    READ_ADDRESS(0x30, 0x03);

    private final int cmd;
    private final int para;

    SamCommand(int cmd, int para) {
        this.cmd = cmd;
        this.para = para;
    }

    public int cmd() {
        return cmd;
    }

    public int para() {
        return para;
    }

    /** The complete frame of this command (a fresh array). */
    public byte[] frame() {
        return SamCodec.command(cmd, para);
    }

    /** The command a received frame carries, if it is one of these and carries nothing else. */
    public static Optional<SamCommand> of(SamFrame frame) {
        byte[] p = frame.payload();
        if (p.length != 2) {
            return Optional.empty();
        }
        for (SamCommand c : values()) {
            if ((p[0] & 0xFF) == c.cmd && (p[1] & 0xFF) == c.para) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Short kebab-case name for logs, e.g. {@code find-card}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
