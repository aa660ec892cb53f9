package org.gatepost.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

class IngestLanesTest {
    private final IngestLanes lanes = new IngestLanes();
    private final List<InboundMessage> group = new ArrayList<>();

    private static InboundMessage message(String topic, int id) {
        return new InboundMessage(topic, new byte[0], id, 1);
    }

    private IngestLanes.Lane take() throws InterruptedException {
        group.clear();
        return lanes.take(group, 3, 2, 0, TimeUnit.MILLISECONDS);
    }

    private List<Integer> ids() {
        return group.stream().map(InboundMessage::id).toList();
    }

    @Test
    void liveMessagesGoFirstThenABoundedBulkGroupThenLiveAgain() throws Exception {
        for (int id = 1; id <= 5; id++) {
            lanes.addBulk(message("batch", id));
        }
        lanes.addLive(message("entries", 10));
        lanes.addLive(message("entries", 11));

        assertEquals(IngestLanes.Lane.LIVE, take());
        assertEquals(List.of(10, 11), ids());
        lanes.addLive(message("entries", 12));
        assertEquals(IngestLanes.Lane.BULK, take(), "a batch waits behind at most one live group");
        assertEquals(List.of(1, 2), ids());
        assertEquals(IngestLanes.Lane.LIVE, take());
        assertEquals(List.of(12), ids());
        assertEquals(IngestLanes.Lane.BULK, take());
        assertEquals(List.of(3, 4), ids());
        assertEquals(IngestLanes.Lane.BULK, take());
        assertEquals(List.of(5), ids());
        assertNull(take(), "nothing waits");
        assertEquals(0, lanes.size());
    }

    @Test
    void aLiveGroupIsCutAtItsLimitAndKeepsArrivalOrder() throws Exception {
        for (int id = 1; id <= 4; id++) {
            lanes.addLive(message("entries", id));
        }
        assertEquals(IngestLanes.Lane.LIVE, take());
        assertEquals(List.of(1, 2, 3), ids());
        assertEquals(1, lanes.size());
        assertEquals(IngestLanes.Lane.LIVE, take());
        assertEquals(List.of(4), ids());
    }

    @Test
    void decodesOnTheAddingThreadSoTheIngestThreadTakesParsedMessages() throws Exception {
        byte[] entry = Contract.bytes("entry-admit.json");
        String gate = Contract.GATE;
        Thread adder = new Thread(() -> {
            lanes.addLive(new InboundMessage("gatepost/v1/gates/" + gate + "/entries", entry, 1, 1));
            lanes.addLive(new InboundMessage(
                    "gatepost/v1/gates/" + gate + "/entries", "{\"v\":1}".getBytes(StandardCharsets.UTF_8), 2, 1));
        });
        adder.start();
        adder.join();

        assertEquals(IngestLanes.Lane.LIVE, take());
        Decoded.Entry parsed =
                assertInstanceOf(Decoded.Entry.class, group.get(0).decoded());
        assertEquals(gate, parsed.entry().gate());
        Decoded.Rejected bad =
                assertInstanceOf(Decoded.Rejected.class, group.get(1).decoded());
        assertTrue(bad.reason().contains("gate"), "names the missing field: " + bad.reason());
        assertSame(group.get(0), group.get(0).decode(), "already decoded: not decoded again");
    }
}
