package org.gatepost.agent.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gatepost.agent.contract.HubRetests;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.entry.Temperature;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.pass.PassCheck;
import org.gatepost.agent.pass.PassToken;

/**
 * The gate's rules ({@code docs/mqtt.md}, Rule fields): from a {@link Situation} to a {@link Verdict}, the first
 * matching decision in the documented precedence. Sign-in and sign-out are the checkpoint's (they depend on the
 * duty roster, not on a reading); everything from {@code no-reading} on is decided here.
 *
 * <p>The policy is the hub's when the gate has one, else {@link #localPolicy}. Without identity lists
 * ({@link GateLists#identifies()} false) or under a measure-only policy no identity rule applies and
 * {@code person} is null. Periods and exit windows are in {@code zone}.
 *
 * <p>Not thread safe (the retest book is mutable): the checkpoint calls it under its lock. {@link #decide} may
 * block on the exit counter's disk read.
 */
public final class GateRules {
    public static final String MASK_WORN = "worn";
    public static final String MASK_MISSING = "missing";
    private final double localThresholdC;
    private final ZoneId zone;
    private final boolean maskCheck;
    private final RetestBook retests;
    private final HubRetests hubRetests;
    private final ExitCounter exits;

    /**
     * @param localThresholdC {@code fever.threshold}, used while the gate has no policy list
     * @param maskCheck       {@code mask.check=confirm}: entries carry {@code mask} and the mask rule applies
     */
    public GateRules(double localThresholdC, ZoneId zone, boolean maskCheck, RetestBook retests, ExitCounter exits) {
        this(localThresholdC, zone, maskCheck, retests, HubRetests.NONE, exits);
    }

    /** @param hubRetests pending retests started at other gates (the hub's list); they hold here too */
    public GateRules(
            double localThresholdC,
            ZoneId zone,
            boolean maskCheck,
            RetestBook retests,
            HubRetests hubRetests,
            ExitCounter exits) {
        this.localThresholdC = localThresholdC;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.maskCheck = maskCheck;
        this.retests = Objects.requireNonNull(retests, "retests");
        this.hubRetests = Objects.requireNonNull(hubRetests, "hubRetests");
        this.exits = Objects.requireNonNull(exits, "exits");
    }

    /** A pending retest as the rules use it: the gate's own or one from the hub's list. */
    private record Held(long firstSeq, double firstBodyC, Instant restEnds, long restS) {}

    /**
     * The pending retest of {@code hash}: this gate's own (while the policy has a rest), else an unexpired one from
     * the hub's list that this gate has not decided since it started.
     */
    private Optional<Held> held(String hash, ListPolicy policy, Instant now) {
        if (policy.retestRest().isPositive()) {
            Optional<RetestBook.Pending> p = retests.pending(hash, now);
            if (p.isPresent()) {
                return Optional.of(new Held(
                        p.get().firstSeq(),
                        p.get().firstBodyC(),
                        p.get().restEnds(),
                        policy.retestRest().toSeconds()));
            }
        }
        Optional<HubRetests.Item> h = hubRetests.pending(hash, now);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        HubRetests.Item i = h.get();
        Optional<Instant> settled = retests.settledAt(hash);
        if (settled.isPresent() && !settled.get().isBefore(i.firstAt())) {
            return Optional.empty();
        }
        return Optional.of(new Held(i.firstSeq(), i.firstBodyC(), i.until(), i.restS()));
    }

    /**
     * Whether a scan of {@code hash} now is the re-measure after a rest (a pending retest whose rest is over):
     * such a scan always decides, even within the duplicate window of the scan that started the retest.
     */
    public boolean remeasureDue(GateLists lists, String hash, Instant now) {
        Optional<Held> h = held(hash, policy(lists), now);
        return h.isPresent() && !now.isBefore(h.get().restEnds());
    }

    /** The policy of a gate without a policy list: local threshold, hard, no quota, no retest, mask reminder. */
    public ListPolicy localPolicy() {
        return new ListPolicy(
                localThresholdC,
                ListPolicy.Enforcement.HARD,
                false,
                ListPolicy.Mask.REMINDER,
                Duration.ZERO,
                Duration.ZERO,
                Optional.empty());
    }

    /** The policy in force with these lists. */
    public ListPolicy policy(GateLists lists) {
        return lists.policy().orElseGet(this::localPolicy);
    }

    public RetestBook retests() {
        return retests;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether the lists name the credential hash as a badge that may sign in (with identity lists in force). */
    public Optional<GateLists.Badge> badge(GateLists lists, String hash) {
        if (!lists.identifies() || policy(lists).measureOnly()) {
            return Optional.empty();
        }
        return lists.badge(hash);
    }

    /** A sign-in or sign-out entry's verdict for {@code badge}: not a passage. */
    public Verdict duty(Decision signInOrOut, Situation s, GateLists.Badge badge) {
        RuleFields.Person person =
                new RuleFields.Person(badge.role().wire(), null, s.lists().quarantined(badge.hash(), null, s.now()));
        Rule r = new Rule(s, person, policy(s.lists()));
        return r.verdict(signInOrOut, r.fields().pass(null)); // not a passage: no pass
    }

    /** The verdict without a health check (or with a colour that does not deny). */
    public Verdict decide(Situation s) {
        return decide(s, false);
    }

    /**
     * @param healthDenies the health check's colour denies ({@code HealthCheck#denies}): {@code deny-health}, right
     *                     after {@code deny-fever} in the precedence; never softened (the gate stays closed)
     */
    public Verdict decide(Situation s, boolean healthDenies) {
        GateLists lists = s.lists();
        ListPolicy policy = policy(lists);
        Instant now = s.now();
        String hash = s.credential() == null ? null : s.credential().hash();
        PassCheck.Result pass = s.pass();
        boolean identify = pass == null && hash != null && lists.identifies() && !policy.measureOnly();
        GateLists.Resident resident = identify ? lists.resident(hash).orElse(null) : null;
        GateLists.Badge badge = identify && resident == null ? lists.badge(hash).orElse(null) : null;
        RuleFields.Person person = identify ? person(lists, hash, resident, badge, now) : null;
        if (pass != null && pass.token() != null) {
            person = new RuleFields.Person(
                    RuleFields.Person.VISITOR, pass.token().household(), false);
        }
        Rule r = new Rule(s, person, policy);

        Temperature t = s.temperature();
        if (t == null) {
            return r.verdict(Decision.NO_READING, r.fields());
        }
        boolean fever = t.bodyC() >= policy.thresholdC();
        RuleFields.Retest retest = null;
        if (hash != null) {
            Optional<Held> p = held(hash, policy, now);
            if (p.isPresent() && now.isBefore(p.get().restEnds())) {
                RuleFields.Retest resting =
                        RuleFields.Retest.resting(p.get().restS(), p.get().firstSeq());
                return r.verdict(Decision.RETEST, r.fields().retest(resting));
            }
            if (p.isPresent()) {
                retest = RuleFields.Retest.decided(p.get().firstSeq(), p.get().firstBodyC());
            } else if (fever && policy.retestRest().isPositive()) {
                RuleFields.Retest first =
                        RuleFields.Retest.resting(policy.retestRest().toSeconds(), RuleFields.Retest.SELF);
                return r.verdict(Decision.RETEST, r.fields().retest(first)).startingRetest();
            }
        }

        if (fever) {
            r.fail(Decision.DENY_FEVER);
        }
        if (healthDenies) {
            r.fail(Decision.DENY_HEALTH);
        }
        if (pass != null) {
            return passVerdict(r, pass, lists, retest);
        }
        RuleFields.Quota quota = null;
        if (identify) {
            boolean out = !RuleFields.IN.equals(s.direction());
            if (r.open && out && person.quarantined()) {
                r.fail(Decision.DENY_QUARANTINE);
            }
            if (r.open && resident != null && lists.blocked(resident.household())) {
                r.fail(Decision.DENY_BLOCKED);
            }
            if (r.open && resident == null && badge == null) {
                r.fail(Decision.UNKNOWN);
            }
            if (r.open && resident != null && out) {
                Optional<Quota> q = quota(policy, hash, resident.household(), now);
                if (q.isPresent()) {
                    quota = q.get().fields();
                    if (!q.get().inWindow() || quota.used() >= quota.count()) {
                        r.fail(Decision.DENY_QUOTA);
                    }
                }
            }
        }
        return r.decided(Decision.ADMIT, retest, quota);
    }

    /**
     * The rules after {@code deny-fever} for a scanned visitor pass: the pass's own refusal (forged, revoked,
     * expired, used), then {@code deny-blocked} when the host household is blocked, then {@code deny-mask};
     * none: {@code admit-visitor}. The identity rules of residents (quarantine, unknown, quota) do not apply.
     */
    private Verdict passVerdict(Rule r, PassCheck.Result pass, GateLists lists, RuleFields.Retest retest) {
        switch (pass.outcome()) {
            case FORGED -> r.fail(Decision.DENY_PASS_FORGED);
            case REVOKED -> r.fail(Decision.DENY_PASS_REVOKED);
            case EXPIRED -> r.fail(Decision.DENY_PASS_EXPIRED);
            case USED -> r.fail(Decision.DENY_PASS_USED);
            case VALID -> {}
        }
        if (r.open && lists.blocked(pass.token().household())) {
            r.fail(Decision.DENY_BLOCKED);
        }
        return r.decided(Decision.ADMIT_VISITOR, retest, null);
    }

    /** An exit quota that applies: its fields with {@code used} = exits so far, and whether now is in a window. */
    public record Quota(RuleFields.Quota fields, boolean inWindow) {}

    /**
     * The exit quota of the policy for a resident going out: exits counted so far in the period, not including
     * this one; empty when the policy has none.
     */
    public Optional<Quota> quota(ListPolicy policy, String hash, String household, Instant now) {
        if (policy.exitQuota().isEmpty() || policy.measureOnly()) {
            return Optional.empty();
        }
        ListPolicy.ExitQuota eq = policy.exitQuota().get();
        String key = eq.per() == ListPolicy.ExitQuota.Per.PERSON ? hash : household;
        int used = exits.exits(
                eq.per(), key, ExitPeriods.start(eq.period(), now, zone), ExitPeriods.end(eq.period(), now, zone));
        return Optional.of(new Quota(
                new RuleFields.Quota(
                        eq.per().name().toLowerCase(Locale.ROOT),
                        eq.period().name().toLowerCase(Locale.ROOT),
                        eq.count(),
                        used),
                ExitPeriods.inWindow(eq, now, zone)));
    }

    private static RuleFields.Person person(
            GateLists lists, String hash, GateLists.Resident resident, GateLists.Badge badge, Instant now) {
        String household = resident == null ? null : resident.household();
        String role =
                resident != null ? "resident" : badge != null ? badge.role().wire() : "unknown";
        return new RuleFields.Person(role, household, lists.quarantined(hash, household, now));
    }

    /** What the lists say about {@code hash} now; null without identity lists or under a measure-only policy. */
    public RuleFields.Person person(GateLists lists, String hash, Instant now) {
        if (hash == null || !lists.identifies() || policy(lists).measureOnly()) {
            return null;
        }
        GateLists.Resident resident = lists.resident(hash).orElse(null);
        return person(
                lists, hash, resident, resident == null ? lists.badge(hash).orElse(null) : null, now);
    }

    private String mask(Situation s) {
        if (!maskCheck) {
            return null;
        }
        return s.maskConfirmed() ? MASK_WORN : MASK_MISSING;
    }

    /** The entry's {@code pass} object: null without a pass or for a forged one (its content is not trusted). */
    private static RuleFields.Pass passFields(PassCheck.Result pass) {
        if (pass == null || pass.token() == null) {
            return null;
        }
        PassToken t = pass.token();
        return new RuleFields.Pass(t.id(), t.household(), t.uses(), t.from(), t.to());
    }

    /** The {@code lists} field: the versions of the lists, null when the gate has none. */
    public static Map<String, Long> versions(GateLists lists) {
        return lists.versions().isEmpty() ? null : lists.versions();
    }

    /** One evaluation: the first failing rule, and whether the gate still opens (soft enforcement). */
    private final class Rule {
        private final Situation s;
        private final RuleFields.Person person;
        private final ListPolicy policy;
        Decision first;
        boolean open = true;

        Rule(Situation s, RuleFields.Person person, ListPolicy policy) {
            this.s = s;
            this.person = person;
            this.policy = policy;
        }

        void fail(Decision d) {
            if (first == null) {
                first = d;
            }
            if (!(policy.enforcement() == ListPolicy.Enforcement.SOFT && d.softenable())) {
                open = false;
            }
        }

        /**
         * The fields every verdict of this evaluation carries: the scan (direction, reader, mask), the person, the
         * lists' versions, who is on duty and the pass; the gate stays closed until {@code admitted} says otherwise.
         */
        RuleFields.Builder fields() {
            return RuleFields.builder()
                    .direction(s.direction())
                    .reader(s.reader())
                    .person(person)
                    .mask(mask(s))
                    .lists(versions(s.lists()))
                    .duty(s.duty())
                    .pass(passFields(s.pass()));
        }

        Verdict verdict(Decision d, RuleFields.Builder fields) {
            return Verdict.of(d, policy.thresholdC(), fields.build());
        }

        /**
         * The mask rule ({@code deny-mask} under a must-wear policy), then the verdict of a reading that went
         * through the rules: the first failing rule, else {@code passed}. The gate opens unless a rule closed it,
         * counting this exit in {@code quota} when it does and giving the mask reminder when the mask is missing.
         *
         * @param retest the retest that this reading decides after the rest (it ends the retest), or null
         */
        Verdict decided(Decision passed, RuleFields.Retest retest, RuleFields.Quota quota) {
            boolean maskMissing = maskCheck && !s.maskConfirmed();
            if (open && maskMissing && policy.mask() == ListPolicy.Mask.MUST_WEAR) {
                fail(Decision.DENY_MASK);
            }
            Decision d = first == null ? passed : first;
            RuleFields.Quota counted = quota != null && open ? quota.withThisExit() : quota;
            return verdict(d, fields().admitted(open).retest(retest).quota(counted))
                    .endingRetest(retest != null)
                    .withMaskReminder(open && maskMissing);
        }
    }
}
