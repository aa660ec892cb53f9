package org.gatepost.agent.checkpoint;

import static org.gatepost.agent.rules.TestLists.ANNA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.rules.TestLists;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoredEntry;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.GatePolicies;
import org.gatepost.agent.testing.RecordingOutput;
import org.gatepost.agent.testing.TestCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retest and the duplicate window against a real SQLite file under a temporary directory: the re-measure after
 * the rest decides even inside the duplicate window, and a restarted gate (the store closed and opened again, a new
 * checkpoint) still holds a resting person and still treats a repeated scan as the same passage.
 */
class RetestAcrossRestartTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CheckpointPolicy POLICY = GatePolicies.STANDARD;
    private final ForwardableClock clock = new ForwardableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private final GateSignals signals = RecordingOutput.signals(clock);
    private final List<Entry> published = new ArrayList<>();
    private final AtomicReference<GateLists> lists = new AtomicReference<>();

    @TempDir
    Path dir;

    private SqliteEntryStore store;
    private Checkpoint checkpoint;

    private void start() throws Exception {
        store = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", clock);
        checkpoint = TestCheckpoints.standard(store, signals, clock)
                .onCommitted(published::add)
                .setup(TestCheckpoints.shanghaiSetup(lists::get, () -> "out", store))
                .build();
    }

    private void restart() throws Exception {
        store.close();
        start();
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    private void policy(int restS, int windowS) {
        lists.set(TestLists.with(TestLists.policy(
                ListPolicy.Enforcement.HARD,
                ListPolicy.Mask.REMINDER,
                Duration.ofSeconds(restS),
                Duration.ofSeconds(windowS),
                Optional.empty())));
    }

    private void measure(String hash, double objectC) {
        TestCheckpoints.measure(checkpoint, hash, objectC);
    }

    private List<String> decisions() throws Exception {
        List<String> out = new ArrayList<>();
        for (StoredEntry e : store.range(1, Long.MAX_VALUE, 100)) {
            out.add(MAPPER.readTree(e.payload()).get("decision").asText());
        }
        return out;
    }

    private JsonNode last() throws Exception {
        List<StoredEntry> all = store.range(1, Long.MAX_VALUE, 100);
        return MAPPER.readTree(all.get(all.size() - 1).payload());
    }

    @Test
    void theReMeasureAfterTheRestDecidesInsideTheDuplicateWindow() throws Exception {
        policy(300, 600); // what the hub now refuses, as an older hub may have published it
        start();
        measure(ANNA, 37.9); // 38.8 °C
        assertEquals(List.of("retest"), decisions());
        clock.forward(Duration.ofSeconds(100));
        measure(ANNA, 35.7);
        assertEquals(List.of("retest"), decisions(), "a repeat during the rest is still the same passage");
        clock.forward(Duration.ofSeconds(200));
        measure(ANNA, 37.9);
        assertEquals(List.of("retest", "deny-fever"), decisions(), "the re-measure decides");
        assertEquals(1, last().get("retest").get("first_seq").asInt());
    }

    @Test
    void aRestartingGateStillHoldsTheRestingPersonAndLetsTheReMeasureDecide() throws Exception {
        policy(300, 10);
        start();
        measure(ANNA, 37.9);
        clock.forward(Duration.ofSeconds(28));
        restart();
        measure(ANNA, 35.7);
        assertEquals(List.of("retest", "retest"), decisions(), "held after the restart, not admitted");
        assertEquals(1, last().get("retest").get("first_seq").asInt());

        clock.forward(Duration.ofSeconds(300));
        restart();
        measure(ANNA, 35.7);
        assertEquals(List.of("retest", "retest", "admit"), decisions());
        assertEquals(38.8, last().get("retest").get("first_body_c").asDouble(), 1e-9);

        clock.forward(Duration.ofSeconds(60));
        restart();
        measure(ANNA, 37.9);
        assertEquals("retest", last().get("decision").asText(), "decided: a new fever is a new first reading");
        assertEquals(4, last().get("retest").get("first_seq").asInt());
    }

    @Test
    void aRestartKeepsTheDuplicateWindow() throws Exception {
        policy(0, 60);
        start();
        measure(ANNA, 35.7);
        clock.forward(Duration.ofSeconds(20));
        restart();
        measure(ANNA, 35.7);
        assertEquals(List.of("admit"), decisions(), "a scan 20 s later is the same passage, restart or not");
        assertFalse(checkpoint.measuring());
        clock.forward(Duration.ofSeconds(41));
        restart();
        measure(ANNA, 35.7);
        assertEquals(List.of("admit", "admit"), decisions(), "after the window a new passage");
    }
}
