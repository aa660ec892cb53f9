package org.gatepost.hub.store;

import java.time.Instant;

/** Where a chronological walk through entries stands: the last entry returned, by {@code received_at, gate, epoch, seq}. */
public record EntryKey(Instant receivedAt, String gate, String epoch, long seq) {
    public static EntryKey of(EntryView e) {
        return new EntryKey(e.receivedAt(), e.gate(), e.epoch(), e.seq());
    }
}
