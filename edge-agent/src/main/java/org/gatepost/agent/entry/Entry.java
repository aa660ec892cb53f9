package org.gatepost.agent.entry;

import java.util.Objects;

/** A committed entry: a draft with the gate, the store's epoch and its sequence number. */
public record Entry(String gate, String epoch, long seq, EntryDraft draft) {
    public Entry {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(draft, "draft");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1: " + seq);
        }
    }

    /** Globally unique id, {@code {gate}-{epoch}-{seq}}. */
    public String id() {
        return gate + "-" + epoch + "-" + seq;
    }

    public Decision decision() {
        return draft.decision();
    }
}
