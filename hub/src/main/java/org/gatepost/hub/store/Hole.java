package org.gatepost.hub.store;

/** A run of missing sequence numbers {@code from..to} (inclusive) below a stored entry. */
public record Hole(long from, long to) {
    public Hole {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("hole must be 1 <= from <= to, got " + from + ".." + to);
        }
    }

    @Override
    public String toString() {
        return from == to ? Long.toString(from) : from + ".." + to;
    }
}
