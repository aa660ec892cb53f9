package org.gatepost.agent.checkpoint;

import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.Temperature;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.gpio.PulseTrain;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoreHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The gate's decision: a credential opens a measuring window; valid temperature samples arriving in it are
 * collected; the gate decides as soon as {@code minSamples} are in, or when the window ends. Every decision
 * is committed to the {@link EntryStore} <em>before</em> any signal, then signalled, then handed to
 * {@code onCommitted} (the uplink).
 *
 * <p>Thread safe: the ID card reader, the thermometer and the ticker call in from their own threads; calls
 * are serialised. {@link #tick()} must be called periodically (every ~50 ms) to close windows that end
 * without enough samples.
 */
public final class Checkpoint {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    /**
     * Buzzer patterns, told apart by ear: admit one short beep; deny-fever one long tone ({@code buzzerFor});
     * not recorded three short beeps; no-reading none (red lamp only, the volunteer measures again).
     */
    static final java.time.Duration ADMIT_BEEP = java.time.Duration.ofMillis(100);
    private final CheckpointPolicy policy;
    private final EntryStore store;
    private final GateSignals signals;
    private final Consumer<Entry> onCommitted;
    private final Clock clock;
    private final LongSupplier monoMillis;
    private final String boot;
    private final BooleanSupplier clockSynced;
    private final TemperatureQuality quality;
    private final StoreHealth storeHealth;
    private final PulseTrain notRecordedBeeps;
    private Pending pending;

    private record Pending(Credential credential, Instant openedAt, List<double[]> samples,
                           EnumMap<TemperatureQuality.Verdict, Integer> rejected) {
        Pending(Credential credential, Instant openedAt) {
            this(credential, openedAt, new ArrayList<>(), new EnumMap<>(TemperatureQuality.Verdict.class));
        }

        Pending withCredential(Credential c, Instant at) {
            return new Pending(c, at, samples, rejected);
        }

        /** Why a window without valid samples had none: the commonest verdict, or "none" without any sample. */
        String noReadingReason() {
            return rejected.entrySet().stream().max(java.util.Map.Entry.comparingByValue())
                    .map(e -> e.getKey().wire()).orElse("none");
        }
    }

    public Checkpoint(CheckpointPolicy policy, EntryStore store, GateSignals signals, Consumer<Entry> onCommitted,
                      Clock clock, LongSupplier monoMillis, String boot, BooleanSupplier clockSynced) {
        this(policy, store, signals, onCommitted, clock, monoMillis, boot, clockSynced, new StoreHealth());
    }

    /**
     * @param storeHealth told of every commit and every decision that could not be stored (shared with the
     *                    uplink's heartbeat)
     */
    public Checkpoint(CheckpointPolicy policy, EntryStore store, GateSignals signals, Consumer<Entry> onCommitted,
                      Clock clock, LongSupplier monoMillis, String boot, BooleanSupplier clockSynced,
                      StoreHealth storeHealth) {
        this.storeHealth = Objects.requireNonNull(storeHealth);
        this.notRecordedBeeps = signals.notRecordedBeeps();
        this.policy = Objects.requireNonNull(policy);
        this.store = Objects.requireNonNull(store);
        this.signals = Objects.requireNonNull(signals);
        this.onCommitted = Objects.requireNonNull(onCommitted);
        this.clock = Objects.requireNonNull(clock);
        this.monoMillis = Objects.requireNonNull(monoMillis);
        this.boot = Objects.requireNonNull(boot);
        this.clockSynced = Objects.requireNonNull(clockSynced);
        this.quality = new TemperatureQuality(policy);
    }

    /**
     * A person presented a credential. A measure-only window (opened by the presence sensor) becomes this
     * person's, keeping its samples; a window still open for another credential is closed first.
     */
    public synchronized void presentCredential(Credential credential) {
        Objects.requireNonNull(credential, "credential");
        LOG.info("event=credential kind={} masked={}", credential.kind(), credential.masked());
        if (pending != null && pending.credential() == null) {
            pending = pending.withCredential(credential, clock.instant());
            return;
        }
        if (pending != null) decide();
        pending = new Pending(credential, clock.instant());
    }

    /**
     * The presence sensor saw someone: open a measure-only window (an entry without a credential) unless a
     * window is already open. A credential presented during it takes it over.
     */
    public synchronized void presence() {
        if (pending != null) return;
        pending = new Pending(null, clock.instant());
        LOG.info("event=presence");
    }

    /** A thermometer sample in °C; ignored unless a window is open and it is a plausible reading of a person. */
    public synchronized void temperature(double objectC, double ambientC) {
        if (pending == null) return;
        TemperatureQuality.Verdict v = quality.judge(objectC, ambientC);
        if (v != TemperatureQuality.Verdict.VALID) {
            pending.rejected().merge(v, 1, Integer::sum);
            return;
        }
        pending.samples().add(new double[] {objectC, ambientC});
        if (pending.samples().size() >= policy.minSamples()) decide();
    }

    /** Closes a window whose time is up; paces the "not recorded" beeps. */
    public synchronized void tick() {
        notRecordedBeeps.tick(clock.instant());
        if (pending != null && !clock.instant().isBefore(pending.openedAt().plus(policy.window()))) decide();
    }

    /** Whether a measuring window is open. */
    public synchronized boolean measuring() {
        return pending != null;
    }

    private void decide() {
        Pending p = pending;
        pending = null;
        Temperature t = quality.summarise(p.samples());
        Decision d;
        if (t == null) {
            d = Decision.NO_READING;
        } else if (t.bodyC() >= policy.thresholdC()) {
            d = Decision.DENY_FEVER;
        } else {
            d = Decision.ADMIT;
        }
        EntryDraft draft = new EntryDraft(clock.instant(), boot, monoMillis.getAsLong(), clockSynced.getAsBoolean(),
                p.credential(), t, d, policy.thresholdC());
        Entry entry;
        try {
            entry = store.append(draft);
        } catch (StoreException e) {
            LOG.error("event=entry-not-recorded decision={} reason={}", d.wire(), e.getMessage());
            storeHealth.notRecorded(e.getMessage());
            signals.red().pulse(policy.lightFor());
            notRecordedBeeps.start(clock.instant());
            return;
        }
        storeHealth.recorded();
        signal(d);
        LOG.info("event=decision seq={} decision={} body_c={} samples={} reason={} masked={}", entry.seq(), d.wire(),
                t == null ? "-" : String.format("%.2f", t.bodyC()), t == null ? 0 : t.samples(),
                t == null ? p.noReadingReason() : "-", p.credential() == null ? "-" : p.credential().masked());
        onCommitted.accept(entry);
    }

    private void signal(Decision d) {
        switch (d) {
            case ADMIT -> {
                signals.green().pulse(policy.lightFor());
                signals.buzzer().pulse(ADMIT_BEEP);
                signals.relay().pulse(policy.relayPulse());
            }
            case DENY_FEVER -> {
                signals.red().pulse(policy.lightFor());
                signals.buzzer().pulse(policy.buzzerFor());
            }
            case NO_READING -> signals.red().pulse(policy.lightFor());
        }
    }

    @Override
    public String toString() {
        return "Checkpoint" + Arrays.asList(policy.thresholdC(), policy.offsetC());
    }
}
