package org.gatepost.agent.checkpoint;

import static org.gatepost.agent.rules.TestLists.ANNA;
import static org.gatepost.agent.rules.TestLists.BO;
import static org.gatepost.agent.testing.TestCheckpoints.idCard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.HealthColour;
import org.gatepost.agent.entry.HealthStatus;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.health.HealthCheck;
import org.gatepost.agent.health.HealthDesk;
import org.gatepost.agent.health.HealthStatusProvider;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.rules.TestLists;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.GatePolicies;
import org.gatepost.agent.testing.RecordingOutput;
import org.gatepost.agent.testing.TestCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each health colour decides at the checkpoint ({@code docs/health.md}), and how long a decision waits for it:
 * a scripted provider whose answers the test gives, a real SQLite store under a temporary directory, a forwardable
 * clock. The measuring window is 3 s, the health wait 10 s.
 */
class CheckpointHealthTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CheckpointPolicy POLICY = GatePolicies.STANDARD;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ForwardableClock clock = new ForwardableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private final GateSignals signals = RecordingOutput.signals(clock);
    private final List<Entry> published = new ArrayList<>();
    private final ScriptedProvider provider = new ScriptedProvider();

    @TempDir
    Path dir;

    private SqliteEntryStore store;
    private Checkpoint checkpoint;

    /** Hands out futures the test completes; remembers what it was asked. */
    private static final class ScriptedProvider implements HealthStatusProvider {
        final List<CompletableFuture<HealthStatus>> asked = new CopyOnWriteArrayList<>();
        final List<Credential> credentials = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<HealthStatus> check(Credential credential) {
            CompletableFuture<HealthStatus> f = new CompletableFuture<>();
            credentials.add(credential);
            asked.add(f);
            return f;
        }

        @Override
        public String source() {
            return "simulated";
        }
    }

    private void start(boolean yellowDenies, boolean unknownDenies) throws Exception {
        start(new HealthCheck(provider, HealthDesk.NONE, WAIT, yellowDenies, unknownDenies));
    }

    private void start(HealthCheck health) throws Exception {
        store = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", clock);
        GateLists lists = TestLists.with(TestLists.plainPolicy());
        checkpoint = TestCheckpoints.standard(store, signals, clock)
                .onCommitted(published::add)
                .setup(TestCheckpoints.shanghaiSetup(() -> lists, () -> "in", store))
                .health(health)
                .build();
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    private void measure(String hash, double objectC) {
        TestCheckpoints.measure(checkpoint, hash, objectC);
    }

    private void answer(int i, HealthColour colour) {
        provider.asked.get(i).complete(new HealthStatus(colour, "simulated", clock.instant()));
    }

    private JsonNode entry(long seq) throws Exception {
        return TestCheckpoints.storedEntry(store, seq);
    }

    /** Anna's card, the first check answered {@code colour}, three samples at 35.8 °C: entry {@code seq}'s decision. */
    private String decisionAfter(HealthColour colour, long seq) throws Exception {
        checkpoint.presentCredential(idCard(ANNA), "idcard");
        answer(0, colour);
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.8, 21.0);
        }
        return entry(seq).get("decision").asText();
    }

    private String decisionAfter(HealthColour colour) throws Exception {
        return decisionAfter(colour, 1);
    }

    @Test
    void greenAdmitsAndTheEntryRecordsOnlyColourSourceAndTime() throws Exception {
        start(true, false);
        checkpoint.presentCredential(idCard(ANNA), "idcard");
        clock.forward(Duration.ofMillis(700));
        answer(0, HealthColour.GREEN);
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.8, 21.0);
        }

        JsonNode e = entry(1);
        assertEquals("admit", e.get("decision").asText());
        assertTrue(e.get("admitted").asBoolean());
        JsonNode h = e.get("health");
        assertEquals(List.of("colour", "source", "checked_at"), fieldNames(h), "nothing else of the check");
        assertEquals("green", h.get("colour").asText());
        assertEquals("simulated", h.get("source").asText());
        assertEquals("2026-11-28T08:00:00.700Z", h.get("checked_at").asText());
        assertEquals(ANNA, provider.credentials.get(0).hash(), "the provider is asked for the credential presented");
    }

    @Test
    void redDeniesWithDenyHealthAndTheGateStaysShut() throws Exception {
        start(true, false);
        assertEquals("deny-health", decisionAfter(HealthColour.RED));
        assertFalse(entry(1).get("admitted").asBoolean());
        assertTrue(RecordingOutput.pulses(signals.relay()).isEmpty(), "no relay");
        assertEquals(1, RecordingOutput.pulses(signals.red()).size(), "red light");
        assertEquals(1, RecordingOutput.pulses(signals.buzzer()).size(), "the buzzer, as for the other hard denials");
    }

    @Test
    void yellowDeniesByDefault() throws Exception {
        start(true, false);
        assertEquals("deny-health", decisionAfter(HealthColour.YELLOW));
    }

    @Test
    void yellowAdmitsWhenTheGateSaysAdmit() throws Exception {
        start(false, false);
        assertEquals("admit", decisionAfter(HealthColour.YELLOW));
        assertEquals("yellow", entry(1).get("health").get("colour").asText());
    }

    @Test
    void aFeverDecidesBeforeTheHealthColour() throws Exception {
        start(true, false);
        checkpoint.presentCredential(idCard(ANNA), "idcard");
        answer(0, HealthColour.RED);
        for (int i = 0; i < 3; i++) { // 37.9 °C
            checkpoint.temperature(37.0, 21.0);
        }

        JsonNode e = entry(1);
        assertEquals("deny-fever", e.get("decision").asText());
        assertEquals("red", e.get("health").get("colour").asText(), "the colour is still recorded");
    }

    @Test
    void theDecisionWaitsForAColourThatArrivesAfterTheWindow() throws Exception {
        start(true, false);
        measure(ANNA, 35.8);
        clock.forward(Duration.ofSeconds(5));
        checkpoint.tick();
        assertEquals(0, store.lastSeq(), "no decision while the colour is missing and the wait is not over");
        assertTrue(checkpoint.measuring());

        answer(0, HealthColour.RED);

        assertEquals(1, store.lastSeq(), "the answer decides at once");
        assertEquals("deny-health", entry(1).get("decision").asText());
        assertEquals(
                "2026-11-28T08:00:05.000Z",
                entry(1).get("health").get("checked_at").asText());
    }

    @Test
    void noAnswerWithinTheWaitIsUnknownAndAdmitsByDefault() throws Exception {
        start(true, false);
        measure(ANNA, 35.8);
        clock.forward(WAIT.minusMillis(1));
        checkpoint.tick();
        assertEquals(0, store.lastSeq(), "still waiting 1 ms before the wait ends");
        clock.forward(Duration.ofMillis(1));
        checkpoint.tick();

        JsonNode e = entry(1);
        assertEquals("admit", e.get("decision").asText());
        assertEquals("unknown", e.get("health").get("colour").asText());
        assertEquals("simulated", e.get("health").get("source").asText());
        assertEquals(
                "2026-11-28T08:00:10.000Z", e.get("health").get("checked_at").asText(), "when the gate gave up");
        assertTrue(provider.asked.get(0).isCancelled(), "the gate withdraws its question");
        answer(0, HealthColour.RED);
        assertEquals(1, store.lastSeq(), "a late answer changes nothing");
    }

    @Test
    void theSamePersonScanningAgainWhileTheCheckRunsKeepsTheOneCheck() throws Exception {
        start(true, false);
        measure(ANNA, 35.8);
        clock.forward(Duration.ofSeconds(4));
        checkpoint.tick();
        checkpoint.presentCredential(idCard(ANNA), "idcard");
        assertEquals(0, store.lastSeq(), "no unknown entry for a second tap of the same card");
        assertEquals(1, provider.asked.size(), "asked once");
        answer(0, HealthColour.RED);
        assertEquals("deny-health", entry(1).get("decision").asText());
        assertEquals(1, store.lastSeq());
    }

    @Test
    void unknownDeniesWhenTheGateSaysDeny() throws Exception {
        start(true, true);
        measure(ANNA, 35.8);
        clock.forward(WAIT);
        checkpoint.tick();
        assertEquals("deny-health", entry(1).get("decision").asText());
        assertEquals("unknown", entry(1).get("health").get("colour").asText());
    }

    @Test
    void aNextPersonDecidesTheWaitingOneAsUnknown() throws Exception {
        start(true, false);
        measure(ANNA, 35.8);
        clock.forward(Duration.ofSeconds(4));
        checkpoint.tick();
        checkpoint.presentCredential(idCard(BO), "idcard");

        assertEquals("unknown", entry(1).get("health").get("colour").asText());
        assertEquals(2, provider.asked.size(), "the next person is checked too");
        answer(1, HealthColour.GREEN);
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.8, 21.0);
        }
        assertEquals("green", entry(2).get("health").get("colour").asText());
    }

    @Test
    void aVolunteerOnDutyMayOverrideDenyHealthAndASignInIsNotChecked() throws Exception {
        start(true, false);
        checkpoint.presentCredential(idCard(TestLists.VOLUNTEER), "idcard");
        assertEquals("sign-in", entry(1).get("decision").asText());
        assertTrue(provider.asked.isEmpty(), "a badge signing in is not checked");
        assertEquals("deny-health", decisionAfter(HealthColour.RED, 2));

        var r = checkpoint.desk().override(2, "medical-emergency", TestLists.VOLUNTEER);
        assertTrue(r.ok(), r.message());
        assertEquals("override", entry(3).get("decision").asText());
        assertTrue(entry(3).get("admitted").asBoolean());
        assertFalse(entry(3).has("health"), "the override records no colour; the entry it resolves has it");
    }

    @Test
    void withoutAProviderEntriesHaveNoHealthAndNothingWaits() throws Exception {
        start(HealthCheck.NONE);
        measure(ANNA, 35.8);
        JsonNode e = entry(1);
        assertEquals("admit", e.get("decision").asText());
        assertFalse(e.has("health"));
    }

    @Test
    void aMeasureOnlyEntryAsksNothing() throws Exception {
        start(true, true);
        checkpoint.presence();
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.8, 21.0);
        }
        assertEquals("admit", entry(1).get("decision").asText());
        assertFalse(entry(1).has("health"));
        assertTrue(provider.asked.isEmpty());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
