package org.gatepost.agent.device.wiegand;

/** What one Wiegand frame came to: a {@link WiegandFrame} or a {@link WiegandRejection}. Immutable. */
public sealed interface WiegandResult permits WiegandFrame, WiegandRejection {
    /** Bits received in the frame (for a rejection, possibly more or fewer than any format has). */
    int bitCount();
}
