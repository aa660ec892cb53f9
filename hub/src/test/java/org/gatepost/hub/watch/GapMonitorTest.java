package org.gatepost.hub.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.alert.HealthRules;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.HeartbeatJson;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HubStoreOnEachBackend;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gap detection driven tick by tick with chosen instants, on a real store, publishing into a list. */
class GapMonitorTest extends HubStoreOnEachBackend {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String GATE = Contract.GATE;
    private static final String EPOCH = Contract.EPOCH;
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final AlertRules rules = new AlertRules();
    private final List<JsonNode> sent = new ArrayList<>();
    private final List<String> topics = new ArrayList<>();
    private final List<String> alertsChanged = new ArrayList<>();
    private boolean publisherDown;
    private GapMonitor monitor;

    @BeforeEach
    void open() throws Exception {
        monitor = newMonitor();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private GapMonitor newMonitor() {
        CommandPublisher publisher = (topic, payload) -> {
            if (publisherDown) {
                throw new IOException("not connected (simulated)");
            }
            topics.add(topic);
            sent.add(MAPPER.readTree(new String(payload, StandardCharsets.UTF_8)));
        };
        HubEvents events = new HubEvents() {
            @Override
            public void entryStored(String gate, String epoch, long seq) {}

            @Override
            public void alertsChanged(String gate) {
                alertsChanged.add(gate);
            }

            @Override
            public void gateChanged(String gate) {}
        };
        return new GapMonitor(store, new HealthRules(), publisher, events, GRACE);
    }

    private void receive(long seq, Instant at) throws Exception {
        EntryMessage e = Contract.entry(Messages.bytes(Messages.entry(GATE, EPOCH, seq, at)));
        store.commitEntry(e, T0, rules.forEntry(e));
    }

    private void receive(long... seqs) throws Exception {
        for (long seq : seqs) {
            receive(seq, T0.minusSeconds(100 - seq));
        }
    }

    private void tickAt(Duration sinceT0) throws Exception {
        monitor.tick(T0.plus(sinceT0));
    }

    private List<AlertView> alerts() throws Exception {
        return store.recentAlerts(Optional.of(GATE), 10);
    }

    private static String range(JsonNode command) {
        return command.get("from").longValue() + ".." + command.get("to").longValue();
    }

    @Test
    void asksForEachHoleOnceTheGracePeriodHasPassedAndRaisesOneAlert() throws Exception {
        receive(1, 2, 5, 6, 9);

        tickAt(Duration.ZERO);
        tickAt(GRACE.minusMillis(1));
        assertEquals(List.of(), sent, "nothing during the grace period");

        tickAt(GRACE);

        assertEquals(
                List.of("3..4", "7..8"),
                sent.stream().map(GapMonitorTest::range).toList());
        assertEquals(List.of("gatepost/v1/gates/north-gate/commands", "gatepost/v1/gates/north-gate/commands"), topics);
        JsonNode first = sent.get(0);
        assertEquals(1, first.get("v").intValue());
        assertEquals("resend", first.get("command").textValue());
        assertEquals(EPOCH, first.get("epoch").textValue());
        assertEquals("resend-north-gate-3f9a1c2e7b5d4e60-3-4", first.get("id").textValue());
        AlertView alert = alerts().get(0);
        assertEquals(1, alerts().size());
        assertEquals("missing-entries", alert.kind());
        assertEquals("high", alert.severity());
        assertTrue(alert.message().contains("3..4, 7..8"), alert.message());
        assertEquals(List.of(GATE), alertsChanged);
    }

    @Test
    void asksAgainWithGrowingPausesWhileTheGapStaysOpen() throws Exception {
        receive(1, 3);
        tickAt(Duration.ZERO);

        List<Integer> sentAfter = new ArrayList<>();
        for (int s : new int[] {5, 14, 15, 34, 35, 74, 75}) {
            tickAt(Duration.ofSeconds(s));
            sentAfter.add(sent.size());
        }

        assertEquals(List.of(1, 1, 2, 2, 3, 3, 4), sentAfter, "asked at 5 s, then 10, 20 and 40 s later");
        assertEquals(
                "resend-north-gate-3f9a1c2e7b5d4e60-2-2-4",
                sent.get(3).get("id").textValue());
        assertEquals(1, alerts().size(), "still the one alert");
    }

    @Test
    void resolvesTheAlertWhenTheMissingEntriesArriveAndAsksNoMore() throws Exception {
        receive(1, 2, 5);
        tickAt(Duration.ZERO);
        tickAt(GRACE);
        assertNull(alerts().get(0).resolvedAt());

        receive(4, 3);
        tickAt(GRACE.plusSeconds(1));
        tickAt(Duration.ofMinutes(10));

        assertEquals(T0.plus(GRACE).plusSeconds(1), alerts().get(0).resolvedAt());
        assertEquals(1, sent.size());
        assertEquals(5, store.ackedUpTo(GATE, EPOCH));
    }

    @Test
    void waitsWhileTheHighWaterMarkIsStillMoving() throws Exception {
        receive(1, 3, 5);
        tickAt(Duration.ZERO);
        receive(2);
        tickAt(Duration.ofSeconds(4));
        tickAt(Duration.ofSeconds(8));
        assertEquals(List.of(), sent, "the mark moved at 4 s, so the grace period starts again");

        tickAt(Duration.ofSeconds(9));

        assertEquals(List.of("4..4"), sent.stream().map(GapMonitorTest::range).toList());
    }

    @Test
    void ordersAndChecksBySeqWhenTheGatesClockJumpsBackAYear() throws Exception {
        Instant now = Instant.parse("2026-11-28T08:00:00Z");
        Instant yearAgo = Instant.parse("2025-11-28T08:00:00Z");
        receive(1, now);
        receive(2, now.plusSeconds(1));
        receive(4, yearAgo.plusSeconds(3));
        receive(5, yearAgo.plusSeconds(4));
        assertEquals(2, store.ackedUpTo(GATE, EPOCH));

        tickAt(Duration.ZERO);
        tickAt(GRACE);
        assertEquals(List.of("3..3"), sent.stream().map(GapMonitorTest::range).toList());

        receive(3, yearAgo.plusSeconds(2));
        tickAt(GRACE.plusSeconds(1));

        assertEquals(5, store.ackedUpTo(GATE, EPOCH), "seq 3 closes the run 1..5 whatever the clock said");
        assertNotNull(alerts().get(0).resolvedAt());
        assertEquals(
                List.of(5L, 4L, 3L, 2L, 1L),
                store.recentEntries(Optional.of(GATE), 10).stream()
                        .map(e -> e.seq())
                        .toList(),
                "received together, listed by seq, not by the year-old at");
    }

    @Test
    void asksAgainLaterWhenARequestCannotBeSent() throws Exception {
        receive(1, 3);
        publisherDown = true;
        tickAt(Duration.ZERO);
        tickAt(GRACE);
        assertEquals(List.of(), sent);
        assertEquals(1, alerts().size(), "the alert does not depend on the broker");

        publisherDown = false;
        tickAt(GRACE.multipliedBy(3));

        assertEquals(List.of("2..2"), sent.stream().map(GapMonitorTest::range).toList());
    }

    @Test
    void aRestartedHubAsksAgainButRaisesNoSecondAlert() throws Exception {
        receive(1, 3);
        tickAt(Duration.ZERO);
        tickAt(GRACE);

        monitor = newMonitor();
        tickAt(Duration.ofMinutes(1));
        tickAt(Duration.ofMinutes(1).plus(GRACE));

        assertEquals(2, sent.size());
        assertEquals(1, alerts().size());
    }

    @Test
    void leavesAGapOfAnEarlierEpochOpenForAnOperatorButStopsAsking() throws Exception {
        receive(1, 3);
        tickAt(Duration.ZERO);
        tickAt(GRACE);
        store.commitStatus(
                new StatusMessage(GATE, "online", "connected", "0123456789abcdef", "boot-2", T0),
                T0.plusSeconds(6),
                rules);

        tickAt(Duration.ofMinutes(10));

        assertEquals(1, sent.size(), "the gate ignores commands for another epoch");
        assertNull(alerts().get(0).resolvedAt(), "those entries are still missing");
    }

    /** Stores the gate's heartbeat, as ingest would. */
    private void heartbeat(long lastSeq, long ackedUpTo) throws Exception {
        var h = HeartbeatJson.parse(
                Messages.heartbeat(GATE, n -> {
                    n.put("last_seq", lastSeq);
                    n.put("acked_up_to", ackedUpTo);
                    n.put("backlog", lastSeq - ackedUpTo);
                }),
                GATE);
        store.transaction(tx -> {
            tx.storeHealth(h, T0);
            return null;
        });
    }

    @Test
    void aHeartbeatThatBelievesMoreAcknowledgedThanTheHubHoldsGetsAResendAndAnAlertUntilTheEntriesArrive()
            throws Exception {
        receive(1, 2);
        heartbeat(5, 5);

        tickAt(Duration.ZERO);
        tickAt(GRACE);

        assertEquals(List.of("3..5"), sent.stream().map(GapMonitorTest::range).toList());
        AlertView missing = alerts().get(0);
        assertEquals("missing-entries", missing.kind());
        assertTrue(missing.message().contains("entries 3..5 of epoch " + EPOCH), missing.message());

        receive(3, 4, 5);
        tickAt(GRACE.plusSeconds(1));

        assertNotNull(alerts().get(0).resolvedAt());
    }

    @Test
    void aHeartbeatWhoseBacklogIsNotYetAcknowledgedAsksForNothing() throws Exception {
        receive(1, 2);
        heartbeat(5, 2);

        tickAt(Duration.ZERO);
        tickAt(GRACE.multipliedBy(10));

        assertEquals(List.of(), sent);
        assertEquals(List.of(), alerts());
    }

    @Test
    void aHeartbeatOfANewEpochWithNothingAtTheHubAsksFromSeqOne() throws Exception {
        receive(1, 2);
        var h = HeartbeatJson.parse(
                Messages.heartbeat(GATE, n -> {
                    n.put("epoch", "0123456789abcdef");
                    n.put("last_seq", 4);
                    n.put("acked_up_to", 4);
                }),
                GATE);
        store.transaction(tx -> {
            tx.storeHealth(h, T0);
            return null;
        });

        tickAt(Duration.ZERO);
        tickAt(GRACE);

        assertEquals(List.of("1..4"), sent.stream().map(GapMonitorTest::range).toList());
        assertEquals("0123456789abcdef", sent.get(0).get("epoch").textValue());
    }
}
