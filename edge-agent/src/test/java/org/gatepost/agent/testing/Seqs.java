package org.gatepost.agent.testing;

import java.util.List;
import java.util.stream.LongStream;

/** Sequence numbers as tests expect them. */
public final class Seqs {
    private Seqs() {}

    /** The seqs {@code from} to {@code to}, both included, ascending; empty when {@code to < from}. */
    public static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
