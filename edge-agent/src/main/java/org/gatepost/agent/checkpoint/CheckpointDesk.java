package org.gatepost.agent.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gatepost.agent.config.GateRulesConfig;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.rules.GateRules;
import org.gatepost.agent.rules.Verdict;
import org.gatepost.agent.store.GateLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VolunteerDesk} on a {@link Checkpoint}: every action runs under the checkpoint's lock, and one that
 * commits an entry copies the credential, temperature, person and direction of the entry it resolves
 * ({@code docs/mqtt.md}, Rule fields).
 */
final class CheckpointDesk implements VolunteerDesk {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointDesk.class);
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");
    private static final Pattern HOUSEHOLD = Pattern.compile("[^\\s]{1,32}");
    private final Checkpoint cp;

    CheckpointDesk(Checkpoint cp) {
        this.cp = cp;
    }

    @Override
    public List<ScanView> recentScans(int limit) {
        GateLists lists = cp.setup().lists().current();
        List<ScanView> out = new ArrayList<>();
        for (Entry e : cp.recentEntries(Math.max(0, limit))) {
            out.add(view(e, lists));
        }
        return out;
    }

    private static ScanView view(Entry e, GateLists lists) {
        EntryDraft d = e.draft();
        RuleFields r = d.rules();
        String hash = d.credential() == null ? null : d.credential().hash();
        String name = null;
        if (r.visitor() != null) {
            name = r.visitor().name();
        } else if (hash != null) {
            name = lists.resident(hash)
                    .map(GateLists.Resident::name)
                    .or(() -> lists.badge(hash).map(GateLists.Badge::name))
                    .orElse(null);
        }
        String note = null;
        if (r.override() != null) {
            note = "override of " + r.override().of() + ": " + r.override().reason();
        }
        if (r.visitor() != null) {
            note = "visiting " + r.visitor().visiting() + ": " + r.visitor().reason();
        }
        if (r.retest() != null && r.retest().restS() != null) {
            note = "rest " + r.retest().restS() + " s, then measure again";
        }
        if (r.quota() != null) {
            note = (note == null ? "" : note + "; ") + "exits " + r.quota().used() + "/"
                    + r.quota().count() + " per " + r.quota().per() + " and "
                    + r.quota().period();
        }
        return ScanView.builder(e.seq(), d.at(), d.decision().wire())
                .admitted(r.admitted())
                .masked(d.credential() == null ? null : d.credential().masked())
                .name(name)
                .household(r.person() == null ? null : r.person().household())
                .role(r.person() == null ? null : r.person().role())
                .bodyC(d.temperature() == null ? null : d.temperature().bodyC())
                .thresholdC(d.thresholdC())
                .mask(r.mask())
                .direction(r.direction())
                .reader(r.reader())
                .quarantined(r.person() != null && r.person().quarantined())
                .note(note)
                .pass(r.pass())
                .build();
    }

    @Override
    public List<OnDuty> onDuty() {
        GateLists lists = cp.setup().lists().current();
        List<OnDuty> out = new ArrayList<>();
        for (GateLedger.OnDuty d : cp.roster()) {
            Optional<GateLists.Badge> b = lists.badge(d.hash());
            out.add(new OnDuty(
                    d.hash(),
                    d.masked(),
                    b.map(GateLists.Badge::name).orElse(null),
                    b.map(x -> x.role().wire()).orElse(null),
                    d.since()));
        }
        return out;
    }

    @Override
    public ActionResult registerVisitor(long unknownSeq, VisitorForm form) {
        if (form == null) {
            return refused("visitor", "no form");
        }
        String name = trim(form.name());
        String phone = trim(form.phone());
        String visiting = trim(form.visiting());
        String reason = trim(form.reason());
        if (name.isEmpty() || name.length() > 40) {
            return refused("visitor", "name must be 1-40 characters");
        }
        if (!PHONE.matcher(phone).matches()) {
            return refused("visitor", "phone must be 5-20 digits, optionally after +");
        }
        if (!HOUSEHOLD.matcher(visiting).matches()) {
            return refused("visitor", "visiting must be a household key such as 3-2-501");
        }
        if (reason.isEmpty() || reason.length() > 100) {
            return refused("visitor", "reason must be 1-100 characters");
        }
        synchronized (cp) {
            GateLists lists = cp.setup().lists().current();
            if (lists.identifies()
                    && lists.residents().values().stream()
                            .noneMatch(r -> r.household().equals(visiting))) {
                return refused("visitor", "no resident lives in household " + visiting);
            }
            Entry u = cp.recent().find(unknownSeq);
            Instant now = cp.now();
            if (u == null || u.decision() != Decision.UNKNOWN) {
                return refused("visitor", "entry " + unknownSeq + " is not a recent unknown entry");
            }
            ActionResult late = tooLate("visitor", u, now, Checkpoint.VISITOR_WITHIN);
            if (late != null) {
                return late;
            }
            RuleFields o = u.draft().rules();
            String hash = u.draft().credential() == null
                    ? null
                    : u.draft().credential().hash();
            RuleFields f = resolving(o, lists)
                    .person(new RuleFields.Person(
                            RuleFields.Person.VISITOR, visiting, hash != null && lists.quarantined(hash, null, now)))
                    .visitor(new RuleFields.Visitor(unknownSeq, name, phone, visiting, reason))
                    .build();
            return resolve("visitor", u, Decision.VISITOR, f, "visitor-registered", "visitor registered, gate opened");
        }
    }

    @Override
    public ActionResult override(long deniedSeq, String reasonCode, String byBadgeHash) {
        if (!overrideReasons().contains(reasonCode)) {
            return refused("override", "unknown reason " + reasonCode);
        }
        synchronized (cp) {
            if (byBadgeHash == null || !cp.onDuty(byBadgeHash)) {
                return refused("override", "only a volunteer on duty may override");
            }
            Entry d = cp.recent().find(deniedSeq);
            Instant now = cp.now();
            if (d == null || !deniable(d)) {
                return refused("override", "entry " + deniedSeq + " is not a recent denied entry");
            }
            ActionResult late = tooLate("override", d, now, Checkpoint.OVERRIDE_WITHIN);
            if (late != null) {
                return late;
            }
            GateLists lists = cp.setup().lists().current();
            RuleFields o = d.draft().rules();
            RuleFields.Quota quota = null;
            String hash = d.draft().credential() == null
                    ? null
                    : d.draft().credential().hash();
            if (o.person() != null && "resident".equals(o.person().role()) && o.goingOut()) {
                ListPolicy policy = cp.rules().policy(lists);
                quota = cp.rules()
                        .quota(policy, hash, o.person().household(), now)
                        .map(q -> q.fields().withThisExit())
                        .orElse(null);
            }
            RuleFields f = resolving(o, lists)
                    .person(o.person())
                    .quota(quota)
                    .override(new RuleFields.Override(deniedSeq, reasonCode, byBadgeHash))
                    .build();
            return resolve("override", d, Decision.OVERRIDE, f, reasonCode, "override recorded, gate opened");
        }
    }

    /** The GPIO override button: the last denied entry, by the most recently signed-in volunteer. */
    ActionResult overrideButton() {
        synchronized (cp) {
            String by = cp.latestOnDuty();
            Entry d = cp.recent()
                    .latestUnresolved(CheckpointDesk::deniable, cp.now().minus(Checkpoint.OVERRIDE_WITHIN));
            ActionResult r;
            if (by == null) {
                r = refused("override", "nobody is on duty");
            } else if (d == null) {
                r = refused("override", "no denied entry in the last 2 minutes");
            } else {
                r = override(d.seq(), cp.setup().config().overrideButtonReason(), by);
            }
            if (!r.ok()) {
                cp.refusedBlink();
            }
            return r;
        }
    }

    /** Why {@code original} can no longer be resolved: made more than {@code within} ago, or resolved already. */
    private ActionResult tooLate(String action, Entry original, Instant now, Duration within) {
        if (original.draft().at().isBefore(now.minus(within))) {
            return refused(action, "entry " + original.seq() + " is older than " + within.toMinutes() + " minutes");
        }
        if (cp.recent().resolved(original.seq())) {
            return refused(action, "entry " + original.seq() + " was already resolved");
        }
        return null;
    }

    /**
     * Marks {@code original} resolved and commits the entry that resolves it ({@code decision} with {@code fields}, at
     * the original's threshold, credential and temperature); the gate opens. Caller holds the checkpoint's lock.
     */
    private ActionResult resolve(
            String action, Entry original, Decision decision, RuleFields fields, String reason, String done) {
        cp.recent().resolve(original.seq());
        EntryDraft o = original.draft();
        Entry e = cp.commit(Verdict.of(decision, o.thresholdC(), fields), o.credential(), o.temperature(), reason);
        if (e == null) {
            return refused(action, "the entry could not be recorded");
        }
        return ActionResult.done(e.seq(), done);
    }

    /**
     * The fields of an entry that resolves {@code original} (a visitor or an override): admitted, at the original's
     * scan (direction, reader, mask), with the lists and the duty roster of now.
     */
    private RuleFields.Builder resolving(RuleFields original, GateLists lists) {
        return RuleFields.builder()
                .admitted(true)
                .direction(original.direction())
                .reader(original.reader())
                .mask(original.mask())
                .lists(GateRules.versions(lists))
                .duty(cp.dutyHashes());
    }

    private static boolean deniable(Entry e) {
        return !e.draft().rules().admitted() && e.decision() != Decision.SIGN_IN && e.decision() != Decision.SIGN_OUT;
    }

    @Override
    public ActionResult confirmMask() {
        return cp.confirmMask();
    }

    @Override
    public ActionResult armDuty(boolean in) {
        cp.armDuty(in);
        return ActionResult.done(0, "present a badge within 30 s to sign " + (in ? "in" : "out"));
    }

    @Override
    public List<String> overrideReasons() {
        return GateRulesConfig.OVERRIDE_REASONS;
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static ActionResult refused(String action, String why) {
        LOG.info("event=desk-refused action={} reason=\"{}\"", action, why);
        return ActionResult.refused(why);
    }
}
