package org.gatepost.hub.store;

/** How many entries of one gate had one decision in some period. */
public record DecisionCount(String gate, String decision, long count) {}
