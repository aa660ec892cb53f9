package org.gatepost.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.Test;

class IngestOrderTest {
    private static final String EPOCH = Contract.EPOCH;
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private int nextId;

    private InboundMessage entry(String gate, long seq) {
        return new InboundMessage(Topics.entries(gate), Contract.admitWithSeq(gate, EPOCH, seq), ++nextId, 1);
    }

    private InboundMessage batch(String gate, long from, long to) {
        return new InboundMessage(
                Topics.batch(gate), Messages.bytes(Messages.batch(gate, EPOCH, from, to, T0)), ++nextId, 1);
    }

    private InboundMessage heartbeat(String gate) {
        return new InboundMessage(Topics.heartbeat(gate), Messages.heartbeat(gate, h -> {}), ++nextId, 0);
    }

    private InboundMessage garbage() {
        return new InboundMessage(Topics.entries("g-z"), "not json".getBytes(), ++nextId, 1);
    }

    private static List<Integer> ids(List<InboundMessage> messages) {
        return messages.stream().map(InboundMessage::id).toList();
    }

    @Test
    void ordersByGateKeepingEachGatesArrivalOrderWithGatelessMessagesFirst() {
        InboundMessage b3 = entry("g-b", 3); // 1
        InboundMessage a2 = entry("g-a", 2); // 2
        InboundMessage hbB = heartbeat("g-b"); // 3
        InboundMessage bad = garbage(); // 4
        InboundMessage b1 = entry("g-b", 1); // 5
        InboundMessage a1batch = batch("g-a", 1, 1); // 6
        List<InboundMessage> group = List.of(b3, a2, hbB, bad, b1, a1batch);

        List<InboundMessage> ordered = IngestOrder.forWriting(group);

        assertEquals(List.of(4, 2, 6, 1, 3, 5), ids(ordered));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), ids(group), "the group itself keeps arrival order");
        assertEquals(new TreeSet<>(List.of("g-a", "g-b")), IngestOrder.gates(group));
    }
}
