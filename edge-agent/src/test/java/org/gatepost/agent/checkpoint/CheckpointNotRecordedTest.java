package org.gatepost.agent.checkpoint;

import static org.gatepost.agent.testing.RecordingOutput.pulses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoreHealth;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.GatePolicies;
import org.gatepost.agent.testing.RecordingOutput;
import org.gatepost.agent.testing.TestCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decision that cannot be stored: its own signal, the shared count, and nothing published. */
class CheckpointNotRecordedTest {
    static final CheckpointPolicy POLICY = GatePolicies.STANDARD;
    static final Credential CARD = new Credential(
            Credential.KIND_ID_CARD,
            "d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723",
            "110105********002X");
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    @TempDir
    Path dir;

    private final ForwardableClock clock = new ForwardableClock(T0);
    private final GateSignals signals = RecordingOutput.signals(clock);
    private final StoreHealth health = new StoreHealth();
    private final List<Entry> published = new ArrayList<>();
    private SqliteEntryStore real;
    private SwitchableFullStore store;
    private Checkpoint checkpoint;

    @BeforeEach
    void setUp() throws StoreException {
        real = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", clock);
        store = new SwitchableFullStore(real);
        checkpoint = TestCheckpoints.standard(store, signals, clock)
                .onCommitted(published::add)
                .storeHealth(health)
                .build();
    }

    @AfterEach
    void tearDown() {
        real.close();
    }

    /** A person with a card and three samples at {@code skinC}. */
    static void person(Checkpoint checkpoint, double skinC) {
        checkpoint.presentCredential(CARD);
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(skinC, 21.0);
        }
    }

    @Test
    void lightsRedAndBeepsThreeShortTimesCountsItAndPublishesNothing() {
        AtomicInteger told = new AtomicInteger();
        health.onNotRecorded(told::incrementAndGet);
        store.full = true;

        person(checkpoint, 35.5);

        assertEquals(List.of(new RecordingOutput.Pulse(T0, POLICY.lightFor())), pulses(signals.red()));
        for (int ms = 0; ms <= 1_200; ms += 50) {
            clock.set(T0.plusMillis(ms));
            checkpoint.tick();
        }
        assertEquals(
                List.of(
                        new RecordingOutput.Pulse(T0, Duration.ofMillis(150)),
                        new RecordingOutput.Pulse(T0.plusMillis(300), Duration.ofMillis(150)),
                        new RecordingOutput.Pulse(T0.plusMillis(600), Duration.ofMillis(150))),
                pulses(signals.buzzer()),
                "three short beeps, not the fever's one long buzz");
        assertEquals(List.of(), pulses(signals.relay()), "an unrecorded person is not let through");
        assertEquals(List.of(), pulses(signals.green()));
        assertTrue(published.isEmpty());
        assertEquals(1, health.unrecorded());
        assertTrue(health.lastError().contains("disk is full"), health.lastError());
        assertEquals(1, told.get(), "the heartbeat is told at once");
        assertEquals(0, real.lastSeq());
    }

    @Test
    void theNextStoredDecisionClearsTheErrorButNotTheCount() {
        store.full = true;
        person(checkpoint, 35.5);
        store.full = false;

        person(checkpoint, 35.5);

        assertNull(health.lastError());
        assertEquals(1, health.unrecorded());
        assertEquals(1, published.size());
        assertEquals(1, published.getFirst().seq(), "the failed decision used up no seq");
    }

    @Test
    void aFeverStillBuzzesOnceAndLong() {
        person(checkpoint, 37.0);
        assertEquals(List.of(new RecordingOutput.Pulse(T0, POLICY.buzzerFor())), pulses(signals.buzzer()));
        assertEquals(0, health.unrecorded());
    }

    @Test
    void eachDecisionHasItsOwnBuzzerPattern() throws Exception {
        checkpoint.presentCredential(new CredentialHasher("a-community-secret-for-tests").idCard("11010519491231002X"));
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(35.5, 21.0);
        }
        assertEquals(
                List.of(new RecordingOutput.Pulse(T0, VerdictSignals.ADMIT_BEEP)),
                pulses(signals.buzzer()),
                "admit: one short beep");
        checkpoint.presentCredential(new CredentialHasher("a-community-secret-for-tests").idCard("440524188001010014"));
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(37.0, 21.0);
        }
        assertEquals(
                new RecordingOutput.Pulse(T0, POLICY.buzzerFor()),
                pulses(signals.buzzer()).get(1),
                "deny-fever: one long tone");
    }
}
