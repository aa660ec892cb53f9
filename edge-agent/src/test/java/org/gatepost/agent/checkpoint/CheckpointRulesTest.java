package org.gatepost.agent.checkpoint;

import static org.gatepost.agent.rules.TestLists.ANNA;
import static org.gatepost.agent.rules.TestLists.BO;
import static org.gatepost.agent.rules.TestLists.STAFF;
import static org.gatepost.agent.rules.TestLists.STRANGER;
import static org.gatepost.agent.rules.TestLists.VOLUNTEER;
import static org.gatepost.agent.testing.TestCheckpoints.idCard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.gatepost.agent.config.GateRulesConfig;
import org.gatepost.agent.config.GpioConfig;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.gpio.GateSignals;
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
 * The checkpoint deciding with lists, offline (no uplink), on a real SQLite store under a temporary directory,
 * with recording outputs and a forwardable clock. Saturday 2026-11-28 08:00 UTC is 16:00 in Asia/Shanghai.
 */
class CheckpointRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CheckpointPolicy POLICY = GatePolicies.STANDARD;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final ForwardableClock clock = new ForwardableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private final GateSignals signals = RecordingOutput.signals(clock);
    private final List<Entry> published = new ArrayList<>();
    private final AtomicReference<GateLists> lists = new AtomicReference<>(TestLists.with(TestLists.plainPolicy()));
    private final AtomicReference<String> directionSwitch = new AtomicReference<>("out");

    @TempDir
    Path dir;

    private SqliteEntryStore store;
    private CommitFirstStore observed;
    private Checkpoint checkpoint;

    private void start(GateRulesConfig config) throws Exception {
        store = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", clock);
        observed = new CommitFirstStore(store, signals);
        checkpoint = TestCheckpoints.standard(observed, signals, clock)
                .onCommitted(published::add)
                .setup(new GateSetup(
                        lists::get, config, Map.of("idcard", "both", "gate-in", "in"), directionSwitch::get, store))
                .build();
    }

    private void start() throws Exception {
        start(TestCheckpoints.SHANGHAI_RULES);
    }

    /** A gate checking masks, under lists where a mask must be worn. */
    private void startCheckingMasks() throws Exception {
        lists.set(TestLists.with(TestLists.mustWearPolicy()));
        start(TestCheckpoints.SHANGHAI_RULES_CHECKING_MASKS);
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

    private JsonNode entry(long seq) throws Exception {
        return TestCheckpoints.storedEntry(store, seq);
    }

    private static ListPolicy quotaPolicy(int count) {
        return TestLists.policy(
                ListPolicy.Enforcement.HARD,
                ListPolicy.Mask.REMINDER,
                Duration.ZERO,
                Duration.ZERO,
                Optional.of(new ListPolicy.ExitQuota(
                        ListPolicy.ExitQuota.Per.HOUSEHOLD, count, ListPolicy.ExitQuota.Period.DAY, List.of())));
    }

    @Test
    void aBadgeSignsInWhileNobodyIsOnDutyAndLaterEntriesNameWhoIsOnDuty() throws Exception {
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");

        JsonNode signIn = entry(1);
        assertEquals("sign-in", signIn.get("decision").asText());
        assertFalse(signIn.get("admitted").asBoolean());
        assertTrue(signIn.get("temperature").isNull(), "no window for a sign-in");
        assertEquals(VOLUNTEER, signIn.get("duty").get(0).asText());
        assertEquals(1, RecordingOutput.pulses(signals.green()).size(), "green blink");
        assertTrue(RecordingOutput.pulses(signals.relay()).isEmpty(), "no relay for a sign-in");
        assertFalse(checkpoint.measuring());

        measure(ANNA, 35.7);
        JsonNode admit = entry(2);
        assertEquals("admit", admit.get("decision").asText());
        assertEquals(VOLUNTEER, admit.get("duty").get(0).asText());
        assertEquals("resident", admit.get("person").get("role").asText());
        assertEquals(7, admit.get("lists").get("residents").asInt());
        assertEquals(1, RecordingOutput.pulses(signals.relay()).size());
    }

    @Test
    void aBadgeOnDutyPassesAsAdmitAndSignsOutOnlyAfterArming() throws Exception {
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        clock.forward(Duration.ofMinutes(1));
        measure(VOLUNTEER, 35.7);
        assertEquals("admit", entry(2).get("decision").asText());
        assertEquals("volunteer", entry(2).get("person").get("role").asText());

        checkpoint.desk().armDuty(false);
        clock.forward(Duration.ofSeconds(29));
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        JsonNode out = entry(3);
        assertEquals("sign-out", out.get("decision").asText());
        assertEquals(0, out.get("duty").size());
        assertTrue(checkpoint.desk().onDuty().isEmpty());
    }

    @Test
    void armingRunsOutAfterThirtySeconds() throws Exception {
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        checkpoint.desk().armDuty(true);
        clock.forward(Duration.ofSeconds(30));
        measure(STAFF, 35.7);
        assertEquals("admit", entry(2).get("decision").asText(), "the arming ran out: the staff badge passes");
        assertEquals(1, checkpoint.desk().onDuty().size());
    }

    @Test
    void dutyAndExitCountsSurviveARestart() throws Exception {
        lists.set(TestLists.with(quotaPolicy(1)));
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        measure(ANNA, 35.7);
        JsonNode first = entry(2);
        assertEquals("admit", first.get("decision").asText());
        assertEquals(1, first.get("quota").get("used").asInt());
        store.close();

        clock.forward(Duration.ofMinutes(10));
        start();
        List<VolunteerDesk.OnDuty> duty = checkpoint.desk().onDuty();
        assertEquals(1, duty.size());
        assertEquals(VOLUNTEER, duty.get(0).badgeHash());
        assertEquals("张伟", duty.get(0).name());
        measure(ANNA, 35.7);
        JsonNode second = entry(3);
        assertEquals("deny-quota", second.get("decision").asText(), "the exit before the restart still counts");
        assertEquals(1, second.get("quota").get("used").asInt());
        assertEquals(VOLUNTEER, second.get("duty").get(0).asText());
    }

    @Test
    void theQuotaPeriodResetsAtLocalMidnight() throws Exception {
        lists.set(TestLists.with(quotaPolicy(1)));
        clock.set(Instant.parse("2026-11-28T15:59:00Z")); // 23:59 in Shanghai
        start();
        measure(ANNA, 35.7);
        assertEquals("admit", entry(1).get("decision").asText());
        clock.set(Instant.parse("2026-11-28T15:59:58Z"));
        measure(ANNA, 35.7);
        assertEquals("deny-quota", entry(2).get("decision").asText());
        clock.set(Instant.parse("2026-11-28T16:00:00Z")); // 00:00 Sunday
        measure(ANNA, 35.7);
        assertEquals("admit", entry(3).get("decision").asText());
    }

    @Test
    void aFeverIsMeasuredAgainAfterTheRestAndBothReadingsAreRecorded() throws Exception {
        lists.set(TestLists.with(TestLists.retestPolicy(Duration.ofSeconds(300))));
        start();
        measure(ANNA, 37.15);
        JsonNode retest = entry(1);
        assertEquals("retest", retest.get("decision").asText());
        assertEquals(300, retest.get("retest").get("rest_s").asInt());
        assertEquals(1, retest.get("retest").get("first_seq").asInt(), "its own seq");
        clock.forward(Duration.ofMillis(250));
        checkpoint.tick();
        assertEquals(2, RecordingOutput.pulses(signals.buzzer()).size(), "two short beeps");
        assertTrue(RecordingOutput.pulses(signals.relay()).isEmpty());

        clock.forward(Duration.ofSeconds(100));
        measure(ANNA, 35.7);
        assertEquals("retest", entry(2).get("decision").asText(), "still resting");
        assertEquals(1, entry(2).get("retest").get("first_seq").asInt());

        clock.forward(Duration.ofSeconds(200));
        measure(ANNA, 35.7);
        JsonNode decided = entry(3);
        assertEquals("admit", decided.get("decision").asText());
        assertEquals(1, decided.get("retest").get("first_seq").asInt());
        assertEquals(38.05, decided.get("retest").get("first_body_c").asDouble(), 1e-9);
        assertFalse(decided.get("retest").has("rest_s"));

        clock.forward(Duration.ofMinutes(1));
        measure(ANNA, 37.15);
        assertEquals("retest", entry(4).get("decision").asText(), "a new first reading");
        assertEquals(4, entry(4).get("retest").get("first_seq").asInt());
    }

    @Test
    void aScanRepeatedWithinTheDuplicateWindowMakesNoEntryAndRepeatsTheSignal() throws Exception {
        lists.set(TestLists.with(TestLists.policy(
                ListPolicy.Enforcement.HARD,
                ListPolicy.Mask.REMINDER,
                Duration.ZERO,
                Duration.ofSeconds(10),
                Optional.empty())));
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        measure(ANNA, 35.7);
        clock.forward(Duration.ofSeconds(9));
        checkpoint.presentCredential(idCard(ANNA), "idcard");
        assertFalse(checkpoint.measuring(), "no new window");
        assertEquals(2, store.lastSeq());
        assertEquals(2, RecordingOutput.pulses(signals.relay()).size(), "the admit signal again");
        clock.forward(Duration.ofSeconds(1));
        measure(ANNA, 35.7);
        assertEquals(3, store.lastSeq(), "after the window a scan is a new passage");
    }

    @Test
    void anUnknownPersonRegisteredAsAVisitorIsLetIn() throws Exception {
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        directionSwitch.set("in");
        measure(STRANGER, 35.7);
        JsonNode unknown = entry(2);
        assertEquals("unknown", unknown.get("decision").asText());
        assertTrue(RecordingOutput.pulses(signals.relay()).isEmpty());
        assertEquals(1, RecordingOutput.pulses(signals.red()).size());

        VolunteerDesk.ActionResult bad =
                checkpoint.desk().registerVisitor(2, new VolunteerDesk.VisitorForm("赵敏", "12ab", "3-2-501", "探亲"));
        assertFalse(bad.ok(), bad.message());
        clock.forward(Duration.ofMinutes(4));
        VolunteerDesk.ActionResult ok = checkpoint
                .desk()
                .registerVisitor(2, new VolunteerDesk.VisitorForm("赵敏", "13812345678", "3-2-501", "探亲"));
        assertTrue(ok.ok(), ok.message());
        JsonNode visitor = entry(ok.seq());
        assertEquals("visitor", visitor.get("decision").asText());
        assertTrue(visitor.get("admitted").asBoolean());
        assertEquals("in", visitor.get("direction").asText());
        assertEquals(STRANGER, visitor.get("credential").get("hash").asText());
        assertEquals(36.6, visitor.get("temperature").get("body_c").asDouble(), 1e-9);
        assertEquals(2, visitor.get("visitor").get("of").asInt());
        assertEquals("3-2-501", visitor.get("person").get("household").asText());
        assertEquals(1, RecordingOutput.pulses(signals.relay()).size());

        assertFalse(
                checkpoint
                        .desk()
                        .registerVisitor(2, new VolunteerDesk.VisitorForm("赵敏", "13812345678", "3-2-501", "探亲"))
                        .ok(),
                "already resolved");
        assertEquals("visitor", checkpoint.desk().recentScans(1).get(0).decision());
    }

    @Test
    void aVisitorCannotBeRegisteredForAnOldOrAnotherKindOfEntry() throws Exception {
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        measure(STRANGER, 35.7);
        assertFalse(checkpoint
                .desk()
                .registerVisitor(1, new VolunteerDesk.VisitorForm("赵敏", "13812345678", "3-2-501", "探亲"))
                .ok());
        assertFalse(
                checkpoint
                        .desk()
                        .registerVisitor(2, new VolunteerDesk.VisitorForm("赵敏", "13812345678", "9-9-999", "探亲"))
                        .ok(),
                "nobody lives there");
        clock.forward(Duration.ofMinutes(5).plusMillis(1));
        assertFalse(checkpoint
                .desk()
                .registerVisitor(2, new VolunteerDesk.VisitorForm("赵敏", "13812345678", "3-2-501", "探亲"))
                .ok());
    }

    @Test
    void aVolunteerOnDutyOverridesADenialWithAReason() throws Exception {
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        measure(BO, 35.7);
        JsonNode denied = entry(2);
        assertEquals("deny-quarantine", denied.get("decision").asText());
        assertEquals("out", denied.get("direction").asText(), "from the switch");

        assertFalse(checkpoint.desk().override(2, "medical-emergency", STAFF).ok(), "not on duty");
        assertFalse(checkpoint.desk().override(2, "because", VOLUNTEER).ok(), "unknown reason");
        VolunteerDesk.ActionResult r = checkpoint.desk().override(2, "medical-emergency", VOLUNTEER);
        assertTrue(r.ok(), r.message());
        JsonNode o = entry(r.seq());
        assertEquals("override", o.get("decision").asText());
        assertTrue(o.get("admitted").asBoolean());
        assertEquals(BO, o.get("credential").get("hash").asText());
        assertTrue(o.get("person").get("quarantined").asBoolean());
        assertEquals(2, o.get("override").get("of").asInt());
        assertEquals("medical-emergency", o.get("override").get("reason").asText());
        assertEquals(VOLUNTEER, o.get("override").get("by").asText());
        assertEquals(1, RecordingOutput.pulses(signals.relay()).size());
        assertFalse(checkpoint.desk().override(2, "other", VOLUNTEER).ok(), "already overridden");
    }

    @Test
    void anOverriddenQuotaDenialCountsAsAnExit() throws Exception {
        lists.set(TestLists.with(quotaPolicy(1)));
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        measure(ANNA, 35.7);
        clock.forward(Duration.ofMinutes(1));
        measure(ANNA, 35.7);
        assertEquals("deny-quota", entry(3).get("decision").asText());
        VolunteerDesk.ActionResult r = checkpoint.desk().override(3, "official-duty", VOLUNTEER);
        JsonNode quota = entry(r.seq()).get("quota");
        assertEquals(MAPPER.readTree("{\"per\":\"household\",\"period\":\"day\",\"count\":1,\"used\":2}"), quota);
    }

    @Test
    void theOverrideButtonIsRefusedWhileNobodyIsOnDuty() throws Exception {
        start();
        measure(BO, 35.7);
        assertEquals("deny-quarantine", entry(1).get("decision").asText());
        int redBefore = RecordingOutput.pulses(signals.red()).size();
        assertFalse(checkpoint.overrideButton().ok());
        assertEquals(1, store.lastSeq());
        assertEquals(redBefore + 1, RecordingOutput.pulses(signals.red()).size(), "red blink");
    }

    @Test
    void theOverrideButtonLetsTheLastDeniedPersonThroughForTheLatestVolunteer() throws Exception {
        start(new GateRulesConfig(SHANGHAI, false, "thermometer-fault", "both", GpioConfig.NONE));
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        checkpoint.desk().armDuty(true);
        checkpoint.presentCredential(idCard(STAFF), "idcard");
        assertEquals("sign-in", entry(2).get("decision").asText());
        measure(BO, 35.7);
        VolunteerDesk.ActionResult r = checkpoint.overrideButton();
        assertTrue(r.ok(), r.message());
        JsonNode o = entry(r.seq()).get("override");
        assertEquals(3, o.get("of").asInt());
        assertEquals("thermometer-fault", o.get("reason").asText());
        assertEquals(STAFF, o.get("by").asText());
    }

    @Test
    void aMaskConfirmedAfterADenialDecidesAgain() throws Exception {
        startCheckingMasks();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        measure(ANNA, 35.7);
        JsonNode denied = entry(2);
        assertEquals("deny-mask", denied.get("decision").asText());
        assertEquals("missing", denied.get("mask").asText());
        clock.forward(Duration.ofSeconds(59));
        VolunteerDesk.ActionResult r = checkpoint.desk().confirmMask();
        assertTrue(r.ok());
        JsonNode again = entry(r.seq());
        assertEquals("admit", again.get("decision").asText());
        assertEquals("worn", again.get("mask").asText());
        assertEquals(ANNA, again.get("credential").get("hash").asText());
    }

    @Test
    void aMaskConfirmedJustBeforeTheCredentialCounts() throws Exception {
        startCheckingMasks();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        checkpoint.desk().confirmMask();
        clock.forward(Duration.ofSeconds(5));
        measure(ANNA, 35.7);
        assertEquals("worn", entry(2).get("mask").asText());
        checkpoint.desk().confirmMask();
        clock.forward(Duration.ofMillis(5001));
        measure(STAFF, 35.7);
        assertEquals("deny-mask", entry(3).get("decision").asText(), "too long before the credential");
    }

    @Test
    void aReaderOnTheInLaneGivesTheDirectionWhateverTheSwitch() throws Exception {
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        checkpoint.presentCredential(idCard(BO), "gate-in");
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.7, 21.0);
        }
        JsonNode in = entry(2);
        assertEquals("in", in.get("direction").asText());
        assertEquals("gate-in", in.get("reader").asText());
        assertEquals("admit", in.get("decision").asText(), "a quarantined resident may come home");
        assertTrue(in.get("person").get("quarantined").asBoolean());
    }

    @Test
    void softEnforcementOpensTheGateAndSoundsTheDenyBuzzer() throws Exception {
        lists.set(TestLists.with(TestLists.policy(
                ListPolicy.Enforcement.SOFT,
                ListPolicy.Mask.REMINDER,
                Duration.ZERO,
                Duration.ZERO,
                Optional.empty())));
        start();
        checkpoint.presentCredential(idCard(VOLUNTEER), "idcard");
        measure(BO, 35.7);
        JsonNode e = entry(2);
        assertEquals("deny-quarantine", e.get("decision").asText());
        assertTrue(e.get("admitted").asBoolean());
        assertEquals(1, RecordingOutput.pulses(signals.relay()).size());
        assertEquals(List.of(POLICY.buzzerFor()), RecordingOutput.lengths(signals.buzzer()));
    }

    @Test
    void signInVisitorOverrideAndMaskDecisionsAreCommittedBeforeAnySignal() throws Exception {
        startCheckingMasks();
        List<Runnable> actions = List.of(
                () -> checkpoint.presentCredential(idCard(VOLUNTEER), "idcard"),
                () -> measure(STRANGER, 35.7),
                () -> checkpoint
                        .desk()
                        .registerVisitor(2, new VolunteerDesk.VisitorForm("赵敏", "13812345678", "3-2-501", "探亲")),
                () -> measure(BO, 35.7),
                () -> checkpoint.desk().override(4, "other", VOLUNTEER),
                () -> measure(ANNA, 35.7),
                () -> checkpoint.desk().confirmMask());
        List<String> decisions = new ArrayList<>();
        for (Runnable action : actions) {
            int before = observed.pulses();
            action.run();
            assertEquals(
                    before,
                    observed.pulsesAtAppend.get(observed.pulsesAtAppend.size() - 1),
                    "nothing signalled before the commit");
            assertTrue(observed.pulses() > before, "signalled after it");
            decisions.add(entry(store.lastSeq()).get("decision").asText());
        }
        assertEquals(
                List.of("sign-in", "unknown", "visitor", "deny-quarantine", "override", "deny-mask", "admit"),
                decisions);
    }

    @Test
    void withoutListsTheGateDecidesOnTemperatureAndWritesTheRuleFields() throws Exception {
        lists.set(GateLists.NONE);
        start();
        measure(STRANGER, 35.7);
        JsonNode e = entry(1);
        assertEquals("admit", e.get("decision").asText());
        assertTrue(e.get("person").isNull());
        assertTrue(e.get("lists").isNull());
        assertEquals(0, e.get("duty").size());
        assertEquals("out", e.get("direction").asText());
        assertEquals(1, published.size());
    }
}
