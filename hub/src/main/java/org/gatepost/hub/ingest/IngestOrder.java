package org.gatepost.hub.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The order in which the ingest thread writes a group: by gate (sorted by id), and within a gate its entries and
 * batches by epoch and seq while its other messages (status, heartbeats) keep their arrival places. Several hub
 * instances write to one PostgreSQL: each takes its gates' locks in sorted order before writing
 * ({@code HubTransaction.lockGates}) and then writes gate by gate, so the rows two instances both write are
 * touched in one order by both. Messages without a gate (rejected ones, kept as dead letters) come first. The
 * MQTT acknowledgements do not follow this order: they keep the arrival order ({@link IngestWorker}). Stateless.
 */
final class IngestOrder {
    private static final Comparator<InboundMessage> BY_EPOCH_AND_SEQ =
            Comparator.comparing((InboundMessage m) -> position(m).epoch()).thenComparingLong(m -> position(m).seq());

    private IngestOrder() {
    }

    /** Where an entry or batch sits in its gate's sequence (a batch: its first seq). */
    private record Position(String epoch, long seq) {
    }

    /** The group in write order (a new list; {@code group} is unchanged). */
    static List<InboundMessage> forWriting(List<InboundMessage> group) {
        List<InboundMessage> gateless = new ArrayList<>();
        TreeMap<String, List<InboundMessage>> byGate = new TreeMap<>();
        for (InboundMessage m : group) {
            Optional<String> gate = gate(m);
            if (gate.isEmpty()) {
                gateless.add(m);
            } else {
                byGate.computeIfAbsent(gate.get(), g -> new ArrayList<>()).add(m);
            }
        }
        List<InboundMessage> ordered = new ArrayList<>(group.size());
        ordered.addAll(gateless);
        for (List<InboundMessage> messages : byGate.values()) {
            ordered.addAll(sortEntriesInPlace(messages));
        }
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

    /** The places of the entries and batches among {@code messages} refilled with them in (epoch, seq) order. */
    private static List<InboundMessage> sortEntriesInPlace(List<InboundMessage> messages) {
        List<InboundMessage> sequenced = new ArrayList<>();
        for (InboundMessage m : messages) {
            if (sequenced(m)) {
                sequenced.add(m);
            }
        }
        sequenced.sort(BY_EPOCH_AND_SEQ);
        List<InboundMessage> out = new ArrayList<>(messages.size());
        int next = 0;
        for (InboundMessage m : messages) {
            out.add(sequenced(m) ? sequenced.get(next++) : m);
        }
        return out;
    }

    private static boolean sequenced(InboundMessage m) {
        return m.decode().decoded() instanceof Decoded.Entry || m.decode().decoded() instanceof Decoded.Batch;
    }

    private static Position position(InboundMessage m) {
        return switch (m.decode().decoded()) {
            case Decoded.Entry e -> new Position(e.entry().epoch(), e.entry().seq());
            case Decoded.Batch b -> new Position(b.batch().epoch(), b.batch().firstSeq());
            default -> throw new IllegalArgumentException("not an entry or batch: " + m.topic());
        };
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
