package org.gatepost.hub.store;

/**
 * How many entries of one gate had one decision, direction and gate outcome in some period.
 *
 * @param direction {@code in}, {@code out} or null when the gate did not know
 * @param admitted  whether the gate opened for these entries
 */
public record EntryTally(String gate, String decision, String direction, boolean admitted, long count) {}
