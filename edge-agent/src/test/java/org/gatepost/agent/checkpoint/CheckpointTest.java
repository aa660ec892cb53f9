package org.gatepost.agent.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatepost.agent.config.GpioConfig;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.gpio.Pi4jGpio;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoredEntry;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.GatePolicies;
import org.gatepost.agent.testing.TestCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decisions and their GPIO signals, on Pi4J's mock outputs, with a recording store and a fixed clock. */
class CheckpointTest {
    private static final CheckpointPolicy POLICY = GatePolicies.STANDARD;
    private final ForwardableClock clock = new ForwardableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private final CredentialHasher hasher = new CredentialHasher("a-community-secret-for-tests");
    private Context pi4j;
    private Pi4jGpio gpio;
    private RecordingStore store;
    private final List<Entry> published = new ArrayList<>();
    private Checkpoint checkpoint;

    @BeforeEach
    void setUp() {
        pi4j = Pi4jGpio.mockContext();
        gpio = Pi4jGpio.on(pi4j, GpioConfig.defaults());
        store = new RecordingStore();
        EntryClock time = new EntryClock(clock, () -> 1234L, "boot-1", () -> true);
        checkpoint = Checkpoint.builder(POLICY, store, gpio.signals(), time)
                .onCommitted(published::add)
                .build();
    }

    @AfterEach
    void tearDown() {
        gpio.close();
    }

    private DigitalOutput out(String role) {
        return pi4j.io("gatepost-" + role);
    }

    @Test
    void normalTemperatureAdmitsWithGreenAndARelayPulse() {
        checkpoint.presentCredential(hasher.idCard("11010519491231002X"));
        checkpoint.temperature(35.6, 21.0);
        checkpoint.temperature(35.8, 21.2);
        assertTrue(store.drafts.isEmpty(), "no decision before enough samples");
        checkpoint.temperature(35.7, 21.1);

        assertEquals(1, store.drafts.size());
        EntryDraft d = store.drafts.get(0);
        assertEquals(Decision.ADMIT, d.decision());
        assertEquals(35.7, d.temperature().objectC(), 1e-9);
        assertEquals(36.6, d.temperature().bodyC(), 1e-9);
        assertEquals(21.1, d.temperature().ambientC(), 1e-9);
        assertEquals(3, d.temperature().samples());
        assertTrue(out("relay").isHigh(), "relay pulsed");
        assertTrue(out("green").isHigh());
        assertFalse(out("red").isHigh());
        assertEquals(1, published.size());
    }

    @Test
    void feverDeniesWithRedAndBuzzerAndNoRelay() {
        checkpoint.presentCredential(hasher.idCard("440524188001010014"));
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(36.5, 21.0);
        }

        assertEquals(Decision.DENY_FEVER, store.drafts.get(0).decision());
        assertTrue(out("red").isHigh());
        assertTrue(out("buzzer").isHigh());
        assertFalse(out("relay").isHigh(), "the gate stays shut");
        assertFalse(out("green").isHigh());
    }

    @Test
    void exactlyAtTheThresholdIsFever() {
        checkpoint.presentCredential(hasher.idCard("440524188001010014"));
        for (int i = 0; i < 3; i++) { // 36.4 + 0.9 = 37.3
            checkpoint.temperature(36.4, 21.0);
        }
        assertEquals(Decision.DENY_FEVER, store.drafts.get(0).decision());
    }

    @Test
    void noSignalIsGivenBeforeTheEntryIsCommitted() {
        checkpoint.presentCredential(hasher.idCard("11010519491231002X"));
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.5, 21.0);
        }
        assertEquals(1, store.statesAtAppend.size());
        assertEquals(
                Map.of("green", false, "red", false, "buzzer", false, "relay", false),
                store.statesAtAppend.get(0),
                "every output was still off while the entry was being committed");
    }

    @Test
    void windowWithoutValidReadingRecordsNoReadingAndShowsRed() {
        checkpoint.presentCredential(hasher.idCard("11010519491231002X"));
        checkpoint.temperature(24.0, 21.0); // not aimed at a person: 24.9 is below the valid range
        clock.forward(Duration.ofMillis(2999));
        checkpoint.tick();
        assertTrue(store.drafts.isEmpty(), "window still open");
        clock.forward(Duration.ofMillis(1));
        checkpoint.tick();

        EntryDraft d = store.drafts.get(0);
        assertEquals(Decision.NO_READING, d.decision());
        assertNull(d.temperature());
        assertTrue(out("red").isHigh());
        assertFalse(out("relay").isHigh());
    }

    @Test
    void windowEndingWithFewerSamplesDecidesOnThoseItHas() {
        checkpoint.presentCredential(hasher.idCard("11010519491231002X"));
        checkpoint.temperature(35.0, 21.0);
        clock.forward(Duration.ofSeconds(3));
        checkpoint.tick();
        assertEquals(Decision.ADMIT, store.drafts.get(0).decision());
        assertEquals(1, store.drafts.get(0).temperature().samples());
    }

    @Test
    void samplesWithoutACredentialAreIgnored() {
        for (int i = 0; i < 5; i++) {
            checkpoint.temperature(36.0, 21.0);
        }
        checkpoint.tick();
        assertTrue(store.drafts.isEmpty());
        assertFalse(out("relay").isHigh());
    }

    @Test
    void aSecondCardClosesTheFirstWindowAsNoReading() {
        checkpoint.presentCredential(hasher.idCard("11010519491231002X"));
        checkpoint.presentCredential(hasher.idCard("440524188001010014"));
        assertEquals(1, store.drafts.size());
        assertEquals(Decision.NO_READING, store.drafts.get(0).decision());
        assertEquals("110105********002X", store.drafts.get(0).credential().masked());
        assertTrue(checkpoint.measuring());
    }

    @Test
    void entryCarriesBootMonotonicTimeClockStateAndThreshold() {
        checkpoint.presentCredential(hasher.idCard("11010519491231002X"));
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.5, 21.0);
        }
        EntryDraft d = store.drafts.get(0);
        assertEquals("boot-1", d.boot());
        assertEquals(1234L, d.monoMs());
        assertTrue(d.clockSynced());
        assertEquals(37.3, d.thresholdC());
        assertEquals(clock.instant(), d.at());
    }

    @Test
    void aFailedCommitIsNotSignalledAsAdmitAndNotPublished() {
        store.failing = true;
        checkpoint.presentCredential(hasher.idCard("11010519491231002X"));
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.5, 21.0);
        }
        assertFalse(out("relay").isHigh(), "an unrecorded person is not let through by the gate");
        assertTrue(out("red").isHigh());
        assertTrue(out("buzzer").isHigh());
        assertTrue(published.isEmpty());
    }

    @Test
    void presenceAloneRecordsAMeasureOnlyEntryWithoutCredential() {
        checkpoint.presence();
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.5, 21.0);
        }
        EntryDraft d = store.drafts.get(0);
        assertNull(d.credential(), "measure-only");
        assertEquals(Decision.ADMIT, d.decision());
    }

    @Test
    void aCardDuringAPresenceWindowTakesItOverWithItsSamples() {
        checkpoint.presence();
        checkpoint.temperature(35.5, 21.0);
        checkpoint.temperature(35.6, 21.0);
        checkpoint.presentCredential(hasher.idCard("11010519491231002X"));
        assertTrue(store.drafts.isEmpty(), "no separate measure-only entry");
        checkpoint.temperature(35.7, 21.0);
        assertEquals(1, store.drafts.size());
        assertEquals("110105********002X", store.drafts.get(0).credential().masked());
        assertEquals(3, store.drafts.get(0).temperature().samples());
    }

    @Test
    void presenceDuringACardWindowChangesNothing() {
        checkpoint.presentCredential(hasher.idCard("11010519491231002X"));
        checkpoint.presence();
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.5, 21.0);
        }
        assertEquals(1, store.drafts.size());
        assertEquals("110105********002X", store.drafts.get(0).credential().masked());
    }

    @Test
    void aReadingThatMovedWhileThePersonSteppedInIsLeftOut() {
        CheckpointPolicy p = POLICY;
        CheckpointPolicy five = new CheckpointPolicy(
                p.thresholdC(),
                p.offsetC(),
                p.window(),
                5,
                p.validBodyMinC(),
                p.validBodyMaxC(),
                p.notAimedDeltaC(),
                p.relayPulse(),
                p.lightFor(),
                p.buzzerFor());
        Checkpoint c = Checkpoint.builder(five, store, gpio.signals(), TestCheckpoints.stampedBy(clock))
                .onCommitted(published::add)
                .build();
        c.presentCredential(hasher.idCard("11010519491231002X"));
        c.temperature(33.4, 21.0); // still approaching: 34.3 body, valid but 2 °C off the others
        for (int i = 0; i < 4; i++) {
            c.temperature(35.6 + i * 0.05, 21.0);
        }
        EntryDraft d = store.drafts.get(0);
        assertEquals(4, d.temperature().samples(), "the unstable sample is not in the median");
        assertEquals(35.675, d.temperature().objectC(), 1e-9);
    }

    @Test
    void notAimedIsToldApartFromALowReading() {
        TemperatureQuality q = new TemperatureQuality(POLICY);
        assertEquals(TemperatureQuality.Verdict.NOT_AIMED, q.judge(22.0, 21.0), "the wall, not a person");
        assertEquals(TemperatureQuality.Verdict.LOW, q.judge(31.0, 12.0), "a cold forehead: 31.9 body");
        assertEquals(TemperatureQuality.Verdict.HIGH, q.judge(45.0, 21.0));
        assertEquals(TemperatureQuality.Verdict.VALID, q.judge(35.5, 21.0));
    }

    @Test
    void rawValuesAreKeptAndOnlyBodyIsRoundedToTheSensorResolution() {
        checkpoint.presentCredential(hasher.idCard("11010519491231002X"));
        checkpoint.temperature(35.31, 21.07);
        checkpoint.temperature(35.31, 21.07);
        checkpoint.temperature(35.31, 21.07);
        EntryDraft d = store.drafts.get(0);
        assertEquals(35.31, d.temperature().objectC());
        assertEquals(21.07, d.temperature().ambientC());
        assertEquals(36.21, d.temperature().bodyC(), "35.31 + 0.9 without 36.209999...");
    }

    /** Records drafts and the state of every output at the moment of the commit. */
    private final class RecordingStore implements EntryStore {
        final List<EntryDraft> drafts = new ArrayList<>();
        final List<Map<String, Boolean>> statesAtAppend = new ArrayList<>();
        boolean failing;

        @Override
        public Entry append(EntryDraft draft) throws StoreException {
            statesAtAppend.add(Map.of(
                    "green",
                    out("green").isHigh(),
                    "red",
                    out("red").isHigh(),
                    "buzzer",
                    out("buzzer").isHigh(),
                    "relay",
                    out("relay").isHigh()));
            if (failing) {
                throw new StoreException("disk I/O error");
            }
            drafts.add(draft);
            return new Entry("gate-1", "0123456789abcdef", drafts.size(), draft);
        }

        @Override
        public List<StoredEntry> unacked(long afterSeq, int limit) {
            return List.of();
        }

        @Override
        public boolean acknowledge(String epoch, long upTo) {
            return false;
        }

        @Override
        public long ackedUpTo() {
            return 0;
        }

        @Override
        public long lastSeq() {
            return drafts.size();
        }

        @Override
        public String epoch() {
            return "0123456789abcdef";
        }

        @Override
        public List<StoredEntry> range(long from, long to, int limit) {
            return List.of();
        }

        @Override
        public Instant oldestUnackedAt() {
            return null;
        }

        @Override
        public long sizeBytes() {
            return 0;
        }

        @Override
        public long unackedCount() {
            return 0;
        }

        @Override
        public void close() {}
    }
}
