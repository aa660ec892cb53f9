package org.gatepost.hub.store;

import java.time.Instant;

/**
 * A {@code sign-in} or {@code sign-out} entry: a volunteer's or staff member's badge at a gate. Carries the badge
 * hash for matching sign-ins to sign-outs and names to badges; it never leaves the hub.
 *
 * @param at     the gate's time of the entry
 * @param role   {@code volunteer}, {@code staff} or another role the gate reported; null when it reported none
 */
public record DutyEvent(
        String gate, String entryId, Instant at, String decision, String badgeHash, String masked, String role) {
    public boolean signIn() {
        return "sign-in".equals(decision);
    }
}
