package org.gatepost.hub.store;

/**
 * Result of storing one entry.
 *
 * @param inserted     false when {@code (gate, epoch, seq)} was already stored (a duplicate delivery)
 * @param alertsRaised alerts actually created (0 for a duplicate)
 * @param upTo         after the commit: every seq {@code 1..upTo} of the entry's epoch is stored (0: none yet)
 * @param conflicting  not inserted, and the stored entry of that {@code (gate, epoch, seq)} has different content
 *                     (its canonical payload differs): not an exact resend. The stored entry is unchanged.
 */
public record EntryCommit(boolean inserted, int alertsRaised, long upTo, boolean conflicting) {
    /** A commit that is not a conflict. */
    public EntryCommit(boolean inserted, int alertsRaised, long upTo) {
        this(inserted, alertsRaised, upTo, false);
    }
}
