package org.gatepost.hub.alert;

import static org.gatepost.hub.store.AlertKind.*;
import static org.gatepost.hub.store.Severity.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.EntryRules;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.store.AlertKind;
import org.gatepost.hub.store.GateState;
import org.gatepost.hub.store.NewAlert;
import org.gatepost.hub.store.Severity;
import org.gatepost.hub.store.StatusEffect;
import org.gatepost.hub.store.StatusPolicy;

/**
 * Which alerts the hub raises ({@link AlertKind}, {@link Severity}). Pure and thread safe; the store applies the
 * results in the same transaction as the message that caused them.
 *
 * <ul>
 *   <li>{@code fever} ({@code high}): an entry whose decision is {@code deny-fever}; deduplicated
 *       on the entry id, so a redelivered entry raises nothing new.</li>
 *   <li>The checkpoint's rules, each deduplicated on the entry id like {@code fever}, raised alike for hard and
 *       soft enforcement (a soft entry is admitted with the failing decision):
 *       {@code quarantine-breach} ({@code high}) for {@code deny-quarantine}, and
 *       ({@code medium}) for any other admitted entry of a quarantined person (coming in, or let
 *       through by an override); {@code blocked-household} ({@code medium}) for
 *       {@code deny-blocked}; {@code unknown-credential} ({@code low}) for {@code unknown};
 *       {@code override} ({@code low}) for {@code override}, naming who overrode which entry and
 *       why; {@code quota} ({@code low}) for {@code deny-quota}.</li>
 *   <li>{@code conflicting-entry} ({@code high}): an entry whose {@code (gate, epoch, seq)} is stored
 *       already with different content (someone else published under the gate's numbers, or the gate's database
 *       was restored from a copy); the first stays, the other is kept aside as a dead letter. Deduplicated on the
 *       entry id: one alert however many different versions arrive.</li>
 *   <li>{@code pass-double-use} ({@code high}): an {@code admit-visitor} entry of a one-use visitor
 *       pass that the hub has another entry of already (used at two gates, or again while a gate was offline);
 *       deduplicated on the entry id. See {@link #forPassDoubleUse}.</li>
 *   <li>{@code gate-offline}: a status {@code offline} — {@code high} for {@code lost} (the will:
 *       the connection dropped), {@code low} for a clean {@code shutdown}. At most one open per gate;
 *       resolved by the gate's next {@code online} status.</li>
 * </ul>
 * A {@code offline} status whose {@code boot} differs from that of the gate's current {@code online} status is
 * stale (a will from an earlier run overtaken by the new birth) and is ignored.
 *
 * <p>The other kinds ({@code device-fault}, {@code storage}, {@code backlog}, {@code missing-entries}, and
 * {@code gate-offline} for missed heartbeats) belong to conditions: see {@link HealthRules}.
 */
public final class AlertRules implements StatusPolicy {
    private final BadgeNames badges;

    /** Rules that name overriding volunteers from {@code badges}. */
    public AlertRules(BadgeNames badges) {
        this.badges = badges;
    }

    /** Rules without a badge list: an override names no volunteer. */
    public AlertRules() {
        this(hash -> Optional.empty());
    }

    public List<NewAlert> forEntry(EntryMessage e) {
        List<NewAlert> out = new ArrayList<>(2);
        String who = e.credential() == null
                ? "no credential"
                : "credential " + e.credential().masked();
        String outcome = e.admitted() ? "let through (soft enforcement)" : "denied";
        EntryRules r = e.rules();
        switch (e.decision()) {
            case EntryMessage.DECISION_DENY_FEVER -> {
                String message = e.temperature() == null
                        ? "fever denial at gate %s (%s)".formatted(e.gate(), who)
                        : String.format(
                                Locale.ROOT,
                                "fever: %.2f °C ≥ %.2f °C at gate %s (%s)",
                                e.temperature().bodyC(),
                                e.thresholdC(),
                                e.gate(),
                                who);
                out.add(alert(FEVER, HIGH, e, message));
            }
            case EntryMessage.DECISION_DENY_QUARANTINE ->
                out.add(alert(
                        QUARANTINE_BREACH,
                        HIGH,
                        e,
                        "quarantine breach: %s%s going out at gate %s, %s"
                                .formatted(who, household(r), e.gate(), outcome)));
            case EntryMessage.DECISION_DENY_BLOCKED ->
                out.add(alert(
                        BLOCKED_HOUSEHOLD,
                        MEDIUM,
                        e,
                        "blocked household: %s%s at gate %s, %s".formatted(who, household(r), e.gate(), outcome)));
            case EntryMessage.DECISION_UNKNOWN ->
                out.add(alert(
                        UNKNOWN_CREDENTIAL, LOW, e, "unknown credential at gate %s (%s)".formatted(e.gate(), who)));
            case EntryMessage.DECISION_DENY_QUOTA ->
                out.add(alert(
                        QUOTA,
                        LOW,
                        e,
                        "exit quota: %s%s at gate %s%s, %s".formatted(who, household(r), e.gate(), quota(r), outcome)));
            case EntryMessage.DECISION_OVERRIDE -> out.add(alert(OVERRIDE, LOW, e, override(e)));
            default -> {}
        }
        boolean quarantined = r != null && r.person() != null && r.person().quarantined();
        if (quarantined && e.admitted() && !EntryMessage.DECISION_DENY_QUARANTINE.equals(e.decision())) {
            out.add(alert(
                    QUARANTINE_BREACH,
                    MEDIUM,
                    e,
                    "quarantined person passed: %s%s at gate %s (%s%s)"
                            .formatted(
                                    who,
                                    household(r),
                                    e.gate(),
                                    e.decision(),
                                    r.direction() == null ? "" : ", " + r.direction())));
        }
        return out;
    }

    /** The alert for {@code e} arriving with content different from the stored entry of the same id. */
    public NewAlert forConflict(EntryMessage e) {
        return alert(
                CONFLICTING_ENTRY,
                HIGH,
                e,
                ("conflicting entry: %s arrived again with different"
                                + " content at gate %s; the first stays, the other is kept in the dead letters (another publisher"
                                + " using this gate's numbers?)")
                        .formatted(e.id(), e.gate()));
    }

    /**
     * The alert for {@code e}, an {@code admit-visitor} entry of a one-use pass, when the hub had {@code earlier}
     * other entries of that pass already.
     */
    public NewAlert forPassDoubleUse(EntryMessage e, int earlier) {
        EntryRules.Pass p = e.rules().pass();
        return alert(
                PASS_DOUBLE_USE,
                HIGH,
                e,
                ("one-use visitor pass %s (host household %s) used again at"
                                + " gate %s: entry %s at %s, after %d earlier use%s%s")
                        .formatted(
                                p.id(),
                                p.household(),
                                e.gate(),
                                e.id(),
                                e.at(),
                                earlier,
                                earlier == 1 ? "" : "s",
                                e.clockSynced() ? "" : " (gate clock not synced)"));
    }

    private static NewAlert alert(AlertKind kind, Severity severity, EntryMessage e, String message) {
        return new NewAlert(kind, severity, e.gate(), e.id(), message, kind.wire() + ":" + e.id());
    }

    private static String household(EntryRules r) {
        return r == null || r.person() == null || r.person().household() == null
                ? ""
                : " of household " + r.person().household();
    }

    private static String quota(EntryRules r) {
        if (r == null || r.quota() == null) {
            return "";
        }
        EntryRules.Quota q = r.quota();
        return " (%d of %d exits per %s per %s)".formatted(q.used(), q.count(), q.per(), q.period());
    }

    private String override(EntryMessage e) {
        String who = e.credential() == null
                ? "no credential"
                : "credential " + e.credential().masked();
        EntryRules.Override o = e.rules() == null ? null : e.rules().override();
        if (o == null) {
            return "override at gate %s (%s)".formatted(e.gate(), who);
        }
        String by = badges.name(o.by()).map(n -> "by " + n).orElse("by an unlisted badge");
        return "override at gate %s: entry %d (%s) let through, reason %s, %s"
                .formatted(e.gate(), o.of(), who, o.reason(), by);
    }

    @Override
    public StatusEffect decide(Optional<GateState> current, StatusMessage s) {
        if (s.online()) {
            return new StatusEffect(true, Optional.empty(), Set.of(GATE_OFFLINE));
        }
        boolean stale = current.filter(
                        g -> StatusMessage.ONLINE.equals(g.state()) && !s.boot().equals(g.boot()))
                .isPresent();
        if (stale) {
            return StatusEffect.stale();
        }
        boolean alreadyOpen = current.map(g -> g.openAlertKinds().contains(GATE_OFFLINE.wire()))
                .orElse(false);
        if (alreadyOpen) {
            return new StatusEffect(true, Optional.empty(), Set.of());
        }
        boolean lost = StatusMessage.REASON_LOST.equals(s.reason());
        String message = lost
                ? "gate %s lost its connection (no clean shutdown)".formatted(s.gate())
                : "gate %s went offline (%s)".formatted(s.gate(), s.reason());
        String key = GATE_OFFLINE.wire() + ":" + s.gate() + ":" + s.boot() + ":" + s.at() + ":" + s.reason();
        return new StatusEffect(
                true,
                Optional.of(new NewAlert(GATE_OFFLINE, lost ? HIGH : LOW, s.gate(), null, message, key)),
                Set.of());
    }
}
