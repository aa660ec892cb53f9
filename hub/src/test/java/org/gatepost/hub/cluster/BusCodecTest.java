package org.gatepost.hub.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusCodecTest {
    @Test
    void roundTripsEveryEventWithItsOrigin() throws Exception {
        List<ClusterEvent> events = List.of(
                new ClusterEvent.EntryStored("north-gate", "3f9a", 7),
                new ClusterEvent.Progress("north-gate", "3f9a", 7),
                new ClusterEvent.AlertsChanged("north-gate"),
                new ClusterEvent.GateChanged("north-gate"),
                new ClusterEvent.ListsChanged());
        List<String> payloads = BusCodec.encode("hub-0@host#abc123", events, 7_900);
        assertEquals(1, payloads.size());
        assertEquals(
                "{\"from\":\"hub-0@host#abc123\",\"ev\":[[\"e\",\"north-gate\",\"3f9a\",7],"
                        + "[\"p\",\"north-gate\",\"3f9a\",7],[\"a\",\"north-gate\"],[\"g\",\"north-gate\"],[\"l\"]]}",
                payloads.getFirst());
        BusCodec.Message m = BusCodec.decode(payloads.getFirst());
        assertEquals("hub-0@host#abc123", m.from());
        assertEquals(events, m.events());
    }

    @Test
    void foldsRepeatsKeepingTheHighestProgressAndTheNewestEntries() throws Exception {
        List<ClusterEvent> events = new ArrayList<>();
        for (int seq = 1; seq <= 120; seq++) {
            events.add(new ClusterEvent.EntryStored("g", "e", seq));
            events.add(new ClusterEvent.Progress("g", "e", seq));
            events.add(new ClusterEvent.GateChanged("g"));
        }
        events.add(new ClusterEvent.Progress("g", "e", 3)); // late and lower: the highest wins
        List<ClusterEvent> out = new ArrayList<>();
        for (String p : BusCodec.encode("me", events, 7_900)) {
            out.addAll(BusCodec.decode(p).events());
        }
        List<ClusterEvent> entries =
                out.stream().filter(e -> e instanceof ClusterEvent.EntryStored).toList();
        assertEquals(BusCodec.MAX_ENTRIES, entries.size());
        assertEquals(new ClusterEvent.EntryStored("g", "e", 71), entries.getFirst());
        assertEquals(new ClusterEvent.EntryStored("g", "e", 120), entries.getLast());
        assertEquals(
                List.of(new ClusterEvent.Progress("g", "e", 120)),
                out.stream().filter(e -> e instanceof ClusterEvent.Progress).toList());
        assertEquals(
                1,
                out.stream().filter(e -> e instanceof ClusterEvent.GateChanged).count());
    }

    @Test
    void splitsIntoPayloadsUnderTheLimit() throws Exception {
        List<ClusterEvent> events = new ArrayList<>();
        String longGate = "gate-" + "x".repeat(59) + "-";
        for (int i = 0; i < 500; i++) {
            events.add(new ClusterEvent.Progress(longGate + i, "epoch-" + "é".repeat(40), i + 1));
        }
        List<String> payloads = BusCodec.encode("me", events, 7_900);
        assertTrue(payloads.size() > 1, "split: " + payloads.size());
        int total = 0;
        for (String p : payloads) {
            assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= 7_900, "size " + p.length());
            total += BusCodec.decode(p).events().size();
        }
        assertEquals(500, total);
    }

    @Test
    void refusesWhatIsNotABusMessageAndSkipsUnknownKinds() throws Exception {
        assertThrows(MalformedBusMessageException.class, () -> BusCodec.decode("not json"));
        assertThrows(MalformedBusMessageException.class, () -> BusCodec.decode("{\"ev\":[]}"));
        assertThrows(
                MalformedBusMessageException.class,
                () -> BusCodec.decode("{\"from\":\"x\",\"ev\":[[\"e\",\"g\",\"e\",\"seven\"]]}"));
        assertEquals(
                List.of(new ClusterEvent.AlertsChanged("g")),
                BusCodec.decode("{\"from\":\"x\",\"ev\":[[\"z\",1],[\"a\",\"g\"]]}")
                        .events());
    }
}
