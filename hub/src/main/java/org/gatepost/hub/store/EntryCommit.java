package org.gatepost.hub.store;

/**
 * Result of storing one entry.
 *
 * @param inserted     false when {@code (gate, epoch, seq)} was already stored (a duplicate delivery)
 * @param alertsRaised alerts actually created (0 for a duplicate)
 * @param upTo         after the commit: every seq {@code 1..upTo} of the entry's epoch is stored (0: none yet)
 */
public record EntryCommit(boolean inserted, int alertsRaised, long upTo) {
}
