package org.gatepost.agent.uplink;

import org.gatepost.agent.store.StoredEntry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An {@link EntrySender} that records what it was given and lets the test decide each outcome. */
final class RecordingSender implements EntrySender {
    final List<Long> sent = new ArrayList<>();
    final Map<Long, Delivery> pending = new LinkedHashMap<>();
    final Set<Long> busyOnce = new HashSet<>();
    boolean connected = true;

    @Override
    public Outcome send(StoredEntry entry, Delivery delivery) {
        if (!connected) return Outcome.NOT_CONNECTED;
        if (busyOnce.remove(entry.seq())) return Outcome.BUSY;
        sent.add(entry.seq());
        pending.put(entry.seq(), delivery);
        return Outcome.SENT;
    }

    /** The broker acknowledges every outstanding publish. */
    void deliverAll() {
        List<Delivery> all = new ArrayList<>(pending.values());
        pending.clear();
        all.forEach(Delivery::delivered);
    }

    void deliver(long seq) {
        pending.remove(seq).delivered();
    }

    void fail(long seq) {
        pending.remove(seq).failed(new RuntimeException("connection lost"));
    }

    List<Long> takeSent() {
        List<Long> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }
}
