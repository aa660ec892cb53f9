package org.gatepost.hub.store;

/**
 * An epoch of a gate with entries stored above its contiguous high-water mark: some seq between them is missing.
 *
 * @param upTo   every seq {@code 1..upTo} is stored (0: seq 1 is not)
 * @param maxSeq the highest seq stored, &gt; {@code upTo}
 */
public record EpochGap(String gate, String epoch, long upTo, long maxSeq) {
}
