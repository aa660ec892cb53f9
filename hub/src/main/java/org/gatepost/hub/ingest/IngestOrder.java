package org.gatepost.hub.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The order in which the ingest thread writes a group: gate by gate (sorted by id), each gate's messages in the
 * order they arrived. Several hub instances write to one PostgreSQL: each takes its gates' locks in sorted order
 * before writing ({@code HubTransaction.lockGates}) and then writes gate by gate, so the rows two instances both
 * write are touched in one order by both. Within a gate the arrival order stays: every row of the gate is
 * covered by its lock, so there is nothing to order against another writer, and "the first version is kept" of a
 * conflicting entry keeps meaning the first received (docs/mqtt.md, "Conflicting entries"); the high-water mark
 * comes out the same in any order. Messages without a gate (rejected ones, kept as dead letters) come first. The
 * MQTT acknowledgements do not follow this order: they keep the arrival order ({@link IngestWorker}). Stateless.
 */
final class IngestOrder {
    private IngestOrder() {}

    /** The group in write order (a new list; {@code group} is unchanged). */
    static List<InboundMessage> forWriting(List<InboundMessage> group) {
        List<InboundMessage> ordered = new ArrayList<>(group.size());
        TreeMap<String, List<InboundMessage>> byGate = new TreeMap<>();
        for (InboundMessage m : group) {
            Optional<String> gate = gate(m);
            if (gate.isEmpty()) {
                ordered.add(m);
            } else {
                byGate.computeIfAbsent(gate.get(), g -> new ArrayList<>()).add(m);
            }
        }
        byGate.values().forEach(ordered::addAll);
        return ordered;
    }

    /** The gates the group writes to: the locks its transaction takes. */
    static SortedSet<String> gates(List<InboundMessage> group) {
        SortedSet<String> gates = new TreeSet<>();
        for (InboundMessage m : group) {
            gate(m).ifPresent(gates::add);
        }
        return gates;
    }

    /** The gate a message writes to; empty for one that is only kept as a dead letter. */
    static Optional<String> gate(InboundMessage m) {
        return switch (m.decode().decoded()) {
            case Decoded.Entry e -> Optional.of(e.entry().gate());
            case Decoded.Batch b -> Optional.of(b.batch().gate());
            case Decoded.Status s -> Optional.of(s.status().gate());
            case Decoded.ClearedStatus c -> Optional.of(c.gate());
            case Decoded.Heartbeat h -> Optional.of(h.heartbeat().gate());
            case Decoded.Rejected r -> Optional.empty();
        };
    }
}
