package org.gatepost.hub.store;

/**
 * What the hub knew of a pass when an {@code admit-visitor} entry of it arrived.
 *
 * @param known   the pass is in the {@code passes} table
 * @param oneUse  its {@code uses} is {@code one}
 * @param earlier other entries that used it before this one was recorded
 */
public record PassUse(boolean known, boolean oneUse, int earlier) {
    /** A second (or later) admission with a one-use pass: the hub raises {@code pass-double-use}. */
    public boolean doubleUse() {
        return known && oneUse && earlier > 0;
    }
}
