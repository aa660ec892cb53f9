package org.gatepost.hub.shift;

import java.time.Instant;

/**
 * One volunteer's (or staff member's) time on duty at a gate: from a {@code sign-in} entry to the
 * {@code sign-out} of the same badge, or to that badge's next {@code sign-in}; open while neither came. Holds the
 * badge hash for naming; it is never shown.
 *
 * @param end     null while open
 * @param endedBy {@value #SIGN_OUT}, {@value #NEXT_SIGN_IN}, or null while open
 */
public record Shift(
        String gate,
        String badgeHash,
        String masked,
        String role,
        Instant start,
        String startEntryId,
        Instant end,
        String endedBy) {
    public static final String SIGN_OUT = "sign-out";
    public static final String NEXT_SIGN_IN = "next-sign-in";

    public boolean open() {
        return end == null;
    }

    /** Whether the shift overlaps {@code [from, to)}; a null bound is open. */
    public boolean overlaps(Instant from, Instant to) {
        return (to == null || start.isBefore(to)) && (from == null || end == null || end.isAfter(from));
    }

    Shift endedAt(Instant at, String by) {
        return new Shift(gate, badgeHash, masked, role, start, startEntryId, at, by);
    }
}
