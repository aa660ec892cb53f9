package org.gatepost.agent.checkpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.HealthStatus;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.entry.Temperature;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.health.HealthCheck;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.pass.PassCheck;
import org.gatepost.agent.rules.GateRules;
import org.gatepost.agent.rules.RetestBook;
import org.gatepost.agent.rules.Situation;
import org.gatepost.agent.rules.Verdict;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.GateLedger;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoreHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate's decision: a credential opens a measuring window; valid temperature samples arriving in it are
 * collected; the gate decides with {@link GateRules} as soon as {@code minSamples} are in, or when the window
 * ends. Every decision is committed to the {@link EntryStore} <em>before</em> any signal, then signalled, then
 * handed to {@code onCommitted} (the uplink). A badge presented after {@link VolunteerDesk#armDuty} (or while
 * nobody is on duty) signs in or out at once, without a window. The volunteer console's actions are
 * {@link VolunteerDesk}'s ({@link #desk()}). With a {@link HealthCheck} the provider is asked for the colour when the
 * credential opens the window, and a window that closes before the answer waits for it up to the check's wait
 * ({@code docs/health.md}); the answer arrives on the provider's thread.
 *
 * <p>Kept in memory only, so forgotten by a restart: the recent entries the console shows and resolves. The duty
 * roster, the exit counts, the pending retests and the last entry of each credential (the duplicate window) are in
 * the {@link GateLedger}, written with the entries, and read back when the checkpoint is made.
 *
 * <p>Thread safe: the readers, the thermometer, the GPIO inputs, the console and the ticker call in from their
 * own threads; calls are serialised. {@link #tick()} must be called periodically (every ~50 ms) to close windows
 * that end without enough samples and to pace beep trains.
 */
public final class Checkpoint {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    /** After the desk's {@code armDuty}, a badge within this signs in or out. */
    static final Duration ARMED_FOR = Duration.ofSeconds(30);
    /** A mask confirmed this long before a credential counts for it. */
    static final Duration MASK_BEFORE = Duration.ofSeconds(5);

    static final Duration MASK_REDECIDE_WITHIN = Duration.ofSeconds(60);
    static final Duration VISITOR_WITHIN = Duration.ofMinutes(5);
    static final Duration OVERRIDE_WITHIN = Duration.ofMinutes(2);
    static final int RECENT = 100;
    /** The duplicate window is at most an hour; older last entries are dropped once this many are held. */
    private static final int LAST_PRUNE_AT = 4096;

    private static final Duration LAST_KEPT_FOR = Duration.ofHours(1);

    private final CheckpointPolicy policy;
    private final EntryStore store;
    private final Consumer<Entry> onCommitted;
    private final Clock clock;
    private final LongSupplier monoMillis;
    private final String boot;
    private final BooleanSupplier clockSynced;
    private final TemperatureQuality quality;
    private final StoreHealth storeHealth;
    private final VerdictSignals signalling;
    private final GateSetup setup;
    private final GateRules rules;
    private final HealthCheck health;
    /** Signed in now, by badge hash, in sign-in order. */
    private final LinkedHashMap<String, GateLedger.OnDuty> roster = new LinkedHashMap<>();
    /** The last committed entry of each credential, with its verdict, for the duplicate window. */
    private final Map<String, Last> lastByCredential = new HashMap<>();

    private final RecentEntries recent = new RecentEntries(RECENT);
    private final CheckpointDesk desk;
    private Pending pending;
    private Armed armed;
    private Instant maskConfirmedAt;

    private record Last(Instant at, Verdict verdict) {}

    private record Armed(boolean in, Instant until) {}

    /**
     * A health check under way for the pending credential: its answer, the end of the decision's wait, and whether
     * the measuring window closed and the decision now waits only for the colour. Guarded by the checkpoint's lock.
     */
    private static final class HealthWait {
        final CompletableFuture<HealthStatus> answer;
        final Instant deadline;
        boolean windowClosed;

        HealthWait(CompletableFuture<HealthStatus> answer, Instant deadline) {
            this.answer = answer;
            this.deadline = deadline;
        }
    }

    /** @param passText the scanned text of a visitor pass (checked when the window closes); else null */
    private record Pending(
            Credential credential,
            String reader,
            String direction,
            boolean maskConfirmed,
            Instant openedAt,
            List<double[]> samples,
            EnumMap<TemperatureQuality.Verdict, Integer> rejected,
            HealthWait health,
            String passText) {
        Pending(
                Credential credential,
                String reader,
                String direction,
                boolean maskConfirmed,
                Instant openedAt,
                String passText) {
            this(
                    credential,
                    reader,
                    direction,
                    maskConfirmed,
                    openedAt,
                    new ArrayList<>(),
                    new EnumMap<>(TemperatureQuality.Verdict.class),
                    null,
                    passText);
        }

        Pending withCredential(Credential c, String r, String dir, boolean mask, Instant at, String pass) {
            return new Pending(c, r, dir, mask || maskConfirmed, at, samples, rejected, null, pass);
        }

        Pending withMaskConfirmed() {
            return new Pending(credential, reader, direction, true, openedAt, samples, rejected, health, passText);
        }

        Pending withHealth(HealthWait h) {
            return new Pending(credential, reader, direction, maskConfirmed, openedAt, samples, rejected, h, passText);
        }

        boolean awaitingHealth() {
            return health != null && health.windowClosed;
        }

        /** Why a window without valid samples had none: the commonest verdict, or "none" without any sample. */
        String noReadingReason() {
            return rejected.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(e -> e.getKey().wire())
                    .orElse("none");
        }
    }

    /**
     * A checkpoint deciding under {@code policy}, committing to {@code store}, signalling on {@code signals}, its
     * entries stamped by {@code time}; the rest is the {@link Builder}'s, each with a default.
     */
    public static Builder builder(CheckpointPolicy policy, EntryStore store, GateSignals signals, EntryClock time) {
        return new Builder(policy, store, signals, time);
    }

    /** The parts of a checkpoint beyond its policy, store, signals and clock; every one has a default. */
    public static final class Builder {
        private final CheckpointPolicy policy;
        private final EntryStore store;
        private final GateSignals signals;
        private final EntryClock time;
        private Consumer<Entry> onCommitted = e -> {};
        private StoreHealth storeHealth = new StoreHealth();
        private GateSetup setup = GateSetup.withoutLists();
        private HealthCheck health = HealthCheck.NONE;

        private Builder(CheckpointPolicy policy, EntryStore store, GateSignals signals, EntryClock time) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.store = Objects.requireNonNull(store, "store");
            this.signals = Objects.requireNonNull(signals, "signals");
            this.time = Objects.requireNonNull(time, "time");
        }

        /** Handed every committed entry after its signal (the uplink); by default nobody. */
        public Builder onCommitted(Consumer<Entry> onCommitted) {
            this.onCommitted = Objects.requireNonNull(onCommitted, "onCommitted");
            return this;
        }

        /**
         * Told of every commit and every decision that could not be stored (shared with the uplink's heartbeat); by
         * default one of the checkpoint's own.
         */
        public Builder storeHealth(StoreHealth storeHealth) {
            this.storeHealth = Objects.requireNonNull(storeHealth, "storeHealth");
            return this;
        }

        /**
         * The lists, the local rule settings, lanes and the ledger; the duty roster is read from the ledger when the
         * checkpoint is built (blocks on disk I/O; an unreadable roster starts empty and is logged). By default
         * {@link GateSetup#withoutLists()}: the checkpoint decides on temperature alone.
         */
        public Builder setup(GateSetup setup) {
            this.setup = Objects.requireNonNull(setup, "setup");
            return this;
        }

        /**
         * The health check ({@code docs/health.md}): for every credential that opens a measuring window the provider
         * is asked at once; the decision waits for its colour at most {@code health.maxWait()} from the credential on
         * (the window closing first), then records {@code unknown}. By default {@link HealthCheck#NONE}.
         */
        public Builder health(HealthCheck health) {
            this.health = Objects.requireNonNull(health, "health");
            return this;
        }

        public Checkpoint build() {
            return new Checkpoint(this);
        }
    }

    private Checkpoint(Builder b) {
        CheckpointPolicy policy = b.policy;
        Clock clock = b.time.clock();
        GateSetup setup = b.setup;
        this.health = b.health;
        this.storeHealth = b.storeHealth;
        this.signalling = new VerdictSignals(b.signals, policy);
        this.policy = policy;
        this.store = b.store;
        this.onCommitted = b.onCommitted;
        this.clock = clock;
        this.monoMillis = b.time.monoMillis();
        this.boot = b.time.boot();
        this.clockSynced = b.time.clockSynced();
        this.quality = new TemperatureQuality(policy);
        this.setup = setup;
        this.rules = new GateRules(
                policy.thresholdC(),
                setup.config().zone(),
                setup.config().maskCheck(),
                new RetestBook(),
                setup.hubRetests(),
                this::exits);
        try {
            for (GateLedger.OnDuty d : setup.ledger().duty()) {
                roster.put(d.hash(), d);
            }
        } catch (StoreException e) {
            LOG.error("event=duty-roster-unreadable reason={}", e.getMessage());
        }
        restoreRuleMemory(clock.instant());
        this.desk = new CheckpointDesk(this);
    }

    /** Pending retests and last scans from the ledger; unreadable ones start empty and are logged. */
    private void restoreRuleMemory(Instant now) {
        try {
            List<GateLedger.Retest> held = setup.ledger().retests(now, RetestBook.EXPIRY);
            for (GateLedger.Retest r : held) {
                rules.retests().restore(r.hash(), r.firstSeq(), r.firstBodyC(), r.restEnds());
            }
            List<GateLedger.LastScan> scans = setup.ledger().lastScans(now.minus(LAST_KEPT_FOR));
            double threshold = rules.policy(setup.lists().current()).thresholdC();
            for (GateLedger.LastScan l : scans) {
                RuleFields f = RuleFields.builder().admitted(l.admitted()).build();
                Verdict v = Verdict.of(l.decision(), threshold, f).withMaskReminder(l.maskReminder());
                lastByCredential.put(l.hash(), new Last(l.at(), v));
                if (l.decision() != Decision.RETEST
                        && l.decision() != Decision.SIGN_IN
                        && l.decision() != Decision.SIGN_OUT) {
                    rules.retests().restoreSettled(l.hash(), l.at());
                }
            }
            if (!held.isEmpty() || !scans.isEmpty()) {
                LOG.info("event=rule-memory-restored retests={} last_scans={}", held.size(), scans.size());
            }
        } catch (StoreException e) {
            LOG.error("event=rule-memory-unreadable reason={}", e.getMessage());
        }
    }

    /** This gate's own record of an admission with the one-use pass {@code id}; an unreadable record counts as used. */
    private boolean passUsedHere(String id) {
        try {
            return setup.ledger().passUsed(id);
        } catch (StoreException e) {
            LOG.error("event=pass-record-unreadable reason={}", e.getMessage());
            return true;
        }
    }

    private int exits(ListPolicy.ExitQuota.Per per, String key, Instant from, Instant to) {
        try {
            return setup.ledger().exits(per, key, from, to);
        } catch (StoreException e) {
            LOG.error("event=exit-count-failed reason={}", e.getMessage());
            return 0;
        }
    }

    /** The volunteer console's view of this checkpoint. */
    public VolunteerDesk desk() {
        return desk;
    }

    /** A credential read at a reader whose name is not known (direction from the switch only). */
    public void presentCredential(Credential credential) {
        presentCredential(credential, null);
    }

    /**
     * A person presented a credential at {@code reader}. A badge after the desk's {@code armDuty} or while
     * nobody is on duty signs in or out at once. A repeat within the policy's duplicate window repeats the last signal and
     * records nothing, except the re-measure after a retest's rest, which always decides. Otherwise a measure-only window (opened by the presence sensor) becomes this person's,
     * keeping its samples; a window still open for another credential is closed first.
     */
    public synchronized void presentCredential(Credential credential, String reader) {
        present(credential, reader, null);
    }

    /**
     * A visitor pass scanned at {@code reader} ({@code docs/mqtt.md}, Visitor passes): as a credential
     * ({@code credential}, of kind {@code pass}, names the pass), measured like anyone; when the window closes the
     * pass is checked offline against the lists' {@code passes} and this gate's own record of one-use passes.
     *
     * @param text the scanned text; kept in memory for the window only, never logged
     */
    public synchronized void presentPass(String text, Credential credential, String reader) {
        present(credential, reader, Objects.requireNonNull(text, "text"));
    }

    private void present(Credential credential, String reader, String passText) {
        Objects.requireNonNull(credential, "credential");
        Instant now = clock.instant();
        LOG.info(
                "event=credential kind={} masked={} reader={}",
                credential.kind(),
                credential.masked(),
                reader == null ? "-" : reader);
        GateLists lists = setup.lists().current();
        Duration dup = rules.policy(lists).duplicateWindow();
        Last last = lastByCredential.get(credential.hash());
        if (dup.isPositive()
                && last != null
                && now.isBefore(last.at().plus(dup))
                && !(last.verdict().decision() == Decision.RETEST
                        && rules.remeasureDue(lists, credential.hash(), now))) {
            LOG.info(
                    "event=duplicate-scan masked={} decision={}",
                    credential.masked(),
                    last.verdict().decision().wire());
            signalling.signal(last.verdict(), now);
            return;
        }
        String direction = setup.direction(reader);
        var badge = rules.badge(lists, credential.hash());
        if (badge.isPresent()) {
            boolean armedNow = armed != null && now.isBefore(armed.until());
            boolean onDuty = roster.containsKey(credential.hash());
            Decision d = null;
            if (armedNow && armed.in() && !onDuty) {
                d = Decision.SIGN_IN;
            }
            if (armedNow && !armed.in() && onDuty) {
                d = Decision.SIGN_OUT;
            }
            if (!armedNow && roster.isEmpty()) {
                d = Decision.SIGN_IN;
            }
            if (d != null) {
                if (pending != null) {
                    decide(true);
                }
                armed = null;
                List<String> duty = new ArrayList<>(roster.keySet());
                if (d == Decision.SIGN_IN) {
                    duty.add(credential.hash());
                } else {
                    duty.remove(credential.hash());
                }
                Situation s = Situation.builder(lists, now)
                        .credential(credential, reader)
                        .direction(direction)
                        .duty(duty)
                        .build();
                commit(rules.duty(d, s, badge.get()), credential, null, "-");
                return;
            }
        }
        boolean mask = maskConfirmedAt != null && !now.isAfter(maskConfirmedAt.plus(MASK_BEFORE));
        maskConfirmedAt = null;
        if (pending != null
                && pending.health() != null
                && pending.credential().hash().equals(credential.hash())) {
            LOG.info("event=scan-while-checking masked={}", credential.masked()); // the same person: keep waiting
            return;
        }
        if (pending != null && pending.credential() == null) {
            pending = startHealth(pending.withCredential(credential, reader, direction, mask, now, passText), now);
            return;
        }
        if (pending != null) {
            decide(true);
        }
        pending = startHealth(new Pending(credential, reader, direction, mask, now, passText), now);
    }

    /** Asks the provider for {@code p}'s colour (when a check is configured); its answer may decide a waiting window. */
    private Pending startHealth(Pending p, Instant now) {
        if (!health.enabled()) {
            return p;
        }
        HealthWait w = new HealthWait(health.provider().check(p.credential()), now.plus(health.maxWait()));
        Pending withHealth = p.withHealth(w);
        w.answer.whenComplete((status, failure) -> healthAnswered(w));
        return withHealth;
    }

    /** The provider answered (on its thread): decides the pending person if only the colour was missing. */
    private synchronized void healthAnswered(HealthWait w) {
        if (pending != null && pending.health() == w && w.windowClosed) {
            decide(false);
        }
    }

    /**
     * The presence sensor saw someone: open a measure-only window (an entry without a credential) unless a
     * window is already open. A credential presented during it takes it over.
     */
    public synchronized void presence() {
        if (pending != null) {
            return;
        }
        Instant now = clock.instant();
        boolean mask = maskConfirmedAt != null && !now.isAfter(maskConfirmedAt.plus(MASK_BEFORE));
        pending = new Pending(null, null, setup.direction(null), mask, now, null);
        LOG.info("event=presence");
    }

    /** A thermometer sample in °C; ignored unless a window is open and it is a plausible reading of a person. */
    public synchronized void temperature(double objectC, double ambientC) {
        if (pending == null || pending.awaitingHealth()) {
            return;
        }
        TemperatureQuality.Verdict v = quality.judge(objectC, ambientC);
        if (v != TemperatureQuality.Verdict.VALID) {
            pending.rejected().merge(v, 1, Integer::sum);
            return;
        }
        pending.samples().add(new double[] {objectC, ambientC});
        if (pending.samples().size() >= policy.minSamples()) {
            decide(false);
        }
    }

    /** Closes a window whose time is up; paces the beep trains. */
    public synchronized void tick() {
        Instant now = clock.instant();
        signalling.tick(now);
        if (pending != null && !now.isBefore(pending.openedAt().plus(policy.window()))) {
            decide(false);
        }
    }

    /** Whether a measuring window is open. */
    public synchronized boolean measuring() {
        return pending != null;
    }

    /**
     * Decides the pending person. Without {@code force} (the window closed), while the health colour is missing and
     * its wait is not over, only marks the window closed: the answer or a later tick decides.
     */
    private void decide(boolean force) {
        Pending p = pending;
        Instant now = clock.instant();
        HealthWait w = p.health();
        if (!force && w != null && !w.answer.isDone() && now.isBefore(w.deadline)) {
            w.windowClosed = true;
            return;
        }
        pending = null;
        HealthStatus status = w == null ? null : healthStatus(w, now);
        Temperature t = quality.summarise(p.samples());
        GateLists lists = setup.lists().current();
        PassCheck.Result pass =
                p.passText() == null ? null : PassCheck.check(p.passText(), lists.passes(), now, this::passUsedHere);
        if (pass != null) {
            LOG.info(
                    "event=pass-checked outcome={} reason=\"{}\" pass={}",
                    pass.outcome().name().toLowerCase(Locale.ROOT),
                    pass.reason(),
                    pass.token() == null ? "-" : pass.token().id());
        }
        Situation s = Situation.builder(lists, now)
                .credential(p.credential(), p.reader())
                .temperature(t)
                .direction(p.direction())
                .maskConfirmed(p.maskConfirmed())
                .duty(List.copyOf(roster.keySet()))
                .pass(pass)
                .build();
        Verdict v = rules.decide(s, status != null && health.denies(status));
        Entry entry = commit(v, p.credential(), t, t == null ? p.noReadingReason() : "-", status);
        if (entry == null || p.credential() == null) {
            return;
        }
        String hash = p.credential().hash();
        if (v.startsRetest()) {
            rules.retests()
                    .start(
                            hash,
                            entry.seq(),
                            t.bodyC(),
                            now,
                            rules.policy(lists).retestRest());
        }
        if (v.endsRetest()) {
            rules.retests().end(hash, now);
        }
    }

    /** The provider's answer, or {@code unknown} now when it gave none (the wait is over, or it failed). */
    private HealthStatus healthStatus(HealthWait w, Instant now) {
        HealthStatus answered = w.answer.isDone() && !w.answer.isCompletedExceptionally() ? w.answer.join() : null;
        if (answered != null) {
            return answered;
        }
        w.answer.cancel(false);
        LOG.warn(
                "event=health-unknown source={} reason=no-answer waited_ms={}",
                health.provider().source(),
                Duration.between(w.deadline.minus(health.maxWait()), now).toMillis());
        return HealthStatus.unknown(health.provider().source(), now);
    }

    /**
     * Commits the verdict as an entry, then signals it and hands it on; on a failed commit gives the "not
     * recorded" signal and returns null. Caller holds the lock.
     */
    Entry commit(Verdict v, Credential credential, Temperature t, String reason) {
        return commit(v, credential, t, reason, null);
    }

    /** As {@link #commit(Verdict, Credential, Temperature, String)}, the entry carrying {@code health} (or none). */
    Entry commit(Verdict v, Credential credential, Temperature t, String reason, HealthStatus health) {
        Instant now = clock.instant();
        EntryDraft draft = new EntryDraft(
                now,
                boot,
                monoMillis.getAsLong(),
                clockSynced.getAsBoolean(),
                credential,
                t,
                v.decision(),
                v.thresholdC(),
                v.fields(),
                health);
        Entry entry;
        try {
            entry = store.append(draft);
        } catch (StoreException e) {
            LOG.error(
                    "event=entry-not-recorded decision={} reason={}",
                    v.decision().wire(),
                    e.getMessage());
            storeHealth.notRecorded(e.getMessage());
            signalling.notRecorded(now);
            return null;
        }
        storeHealth.recorded();
        if (v.decision() == Decision.SIGN_IN) {
            roster.putIfAbsent(credential.hash(), new GateLedger.OnDuty(credential.hash(), credential.masked(), now));
        } else if (v.decision() == Decision.SIGN_OUT) {
            roster.remove(credential.hash());
        }
        recent.add(entry);
        if (credential != null) {
            if (lastByCredential.size() >= LAST_PRUNE_AT) {
                lastByCredential.values().removeIf(l -> l.at().isBefore(now.minus(LAST_KEPT_FOR)));
            }
            lastByCredential.put(credential.hash(), new Last(now, v));
        }
        signalling.signal(v, now);
        LOG.info(
                "event=decision seq={} decision={} admitted={} body_c={} samples={} reason={} masked={} direction={}{}",
                entry.seq(),
                v.decision().wire(),
                v.fields().admitted(),
                t == null ? "-" : String.format("%.2f", t.bodyC()),
                t == null ? 0 : t.samples(),
                reason,
                credential == null ? "-" : credential.masked(),
                v.fields().direction() == null ? "-" : v.fields().direction(),
                health == null ? "" : " health=" + health.colour().wire() + " health_source=" + health.source());
        onCommitted.accept(entry);
        return entry;
    }

    /**
     * The GPIO override button: lets the person of the last denied entry (within 2 minutes) through, given by the
     * most recently signed-in volunteer with {@code override.button-reason}; refused with a red blink when nobody
     * is on duty or nothing was denied.
     */
    public VolunteerDesk.ActionResult overrideButton() {
        return desk.overrideButton();
    }

    /** A refused console or button action: a short red blink. */
    void refusedBlink() {
        signalling.refused();
    }

    // ---- state the desk reads and changes; callers hold the lock ----

    synchronized void armDuty(boolean in) {
        armed = new Armed(in, clock.instant().plus(ARMED_FOR));
        LOG.info("event=duty-armed direction={}", in ? "in" : "out");
    }

    /** The mask confirmation: the person being measured, else a recent deny-mask, else the next credential. */
    synchronized VolunteerDesk.ActionResult confirmMask() {
        Instant now = clock.instant();
        if (pending != null) {
            pending = pending.withMaskConfirmed();
            LOG.info("event=mask-confirmed for=window");
            return VolunteerDesk.ActionResult.done(0, "mask confirmed for the person being measured");
        }
        Entry denied =
                recent.latestUnresolved(e -> e.decision() == Decision.DENY_MASK, now.minus(MASK_REDECIDE_WITHIN));
        if (denied != null) {
            EntryDraft d = denied.draft();
            Situation s = Situation.builder(setup.lists().current(), now)
                    .credential(d.credential(), d.rules().reader())
                    .temperature(d.temperature())
                    .direction(d.rules().direction())
                    .maskConfirmed(true)
                    .duty(List.copyOf(roster.keySet()))
                    .build();
            recent.resolve(denied.seq());
            HealthStatus h = d.health();
            Entry e = commit(
                    rules.decide(s, h != null && health.denies(h)),
                    d.credential(),
                    d.temperature(),
                    "mask-confirmed",
                    h);
            if (e == null) {
                return VolunteerDesk.ActionResult.refused("the entry could not be recorded");
            }
            return VolunteerDesk.ActionResult.done(
                    e.seq(),
                    "decided again with the mask confirmed: " + e.decision().wire());
        }
        maskConfirmedAt = now;
        LOG.info("event=mask-confirmed for=next-credential");
        return VolunteerDesk.ActionResult.done(0, "mask confirmed for the next credential within 5 s");
    }

    synchronized List<GateLedger.OnDuty> roster() {
        return List.copyOf(roster.values());
    }

    synchronized List<Entry> recentEntries(int limit) {
        return recent.newest(limit);
    }

    synchronized Instant now() {
        return clock.instant();
    }

    GateSetup setup() {
        return setup;
    }

    GateRules rules() {
        return rules;
    }

    RecentEntries recent() {
        return recent;
    }

    boolean onDuty(String hash) {
        return roster.containsKey(hash);
    }

    /** The most recently signed-in badge, or null when nobody is on duty. */
    String latestOnDuty() {
        String latest = null;
        for (String h : roster.keySet()) {
            latest = h;
        }
        return latest;
    }

    List<String> dutyHashes() {
        return List.copyOf(roster.keySet());
    }

    @Override
    public String toString() {
        return "Checkpoint" + Arrays.asList(policy.thresholdC(), policy.offsetC());
    }
}
