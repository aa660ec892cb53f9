package org.gatepost.hub.store;

/**
 * An epoch of a gate with entries missing above its contiguous high-water mark: entries are stored above it, or
 * the gate's last heartbeat of this epoch says more is acknowledged than the mark (its {@code last_seq} counts).
 *
 * @param upTo   every seq {@code 1..upTo} is stored (0: seq 1 is not)
 * @param maxSeq the highest seq stored or so reported by the heartbeat, &gt; {@code upTo}
 */
public record EpochGap(String gate, String epoch, long upTo, long maxSeq) {}
