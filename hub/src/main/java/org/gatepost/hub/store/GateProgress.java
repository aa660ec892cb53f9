package org.gatepost.hub.store;

/** An epoch's contiguous high-water mark: every seq {@code 1..upTo} of {@code (gate, epoch)} is stored. */
public record GateProgress(String gate, String epoch, long upTo) {}
