package org.gatepost.hub.alert;

import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.store.GateState;
import org.gatepost.hub.store.NewAlert;
import org.gatepost.hub.store.StatusEffect;
import org.gatepost.hub.store.StatusPolicy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which alerts the hub raises. Pure and thread safe; the store applies the results in the same transaction
 * as the message that caused them.
 *
 * <ul>
 *   <li>{@value #FEVER} ({@value #SEVERITY_HIGH}): an entry whose decision is {@code deny-fever}; deduplicated
 *       on the entry id, so a redelivered entry raises nothing new.</li>
 *   <li>{@value #GATE_OFFLINE}: a status {@code offline} — {@value #SEVERITY_HIGH} for {@code lost} (the will:
 *       the connection dropped), {@value #SEVERITY_LOW} for a clean {@code shutdown}. At most one open per gate;
 *       resolved by the gate's next {@code online} status.</li>
 * </ul>
 * A {@code offline} status whose {@code boot} differs from that of the gate's current {@code online} status is
 * stale (a will from an earlier run overtaken by the new birth) and is ignored.
 *
 * <p>The other kinds ({@value #DEVICE_FAULT}, {@value #STORAGE}, {@value #BACKLOG}, {@value #MISSING_ENTRIES}, and
 * {@value #GATE_OFFLINE} for missed heartbeats) belong to conditions: see {@link HealthRules}.
 */
public final class AlertRules implements StatusPolicy {
    public static final String FEVER = "fever";
    public static final String GATE_OFFLINE = "gate-offline";
    public static final String DEVICE_FAULT = "device-fault";
    public static final String STORAGE = "storage";
    public static final String BACKLOG = "backlog";
    public static final String MISSING_ENTRIES = "missing-entries";
    public static final String SEVERITY_HIGH = "high";
    public static final String SEVERITY_MEDIUM = "medium";
    public static final String SEVERITY_LOW = "low";

    public List<NewAlert> forEntry(EntryMessage e) {
        if (!EntryMessage.DECISION_DENY_FEVER.equals(e.decision())) {
            return List.of();
        }
        String who = e.credential() == null ? "no credential" : "credential " + e.credential().masked();
        String message = e.temperature() == null
                ? "fever denial at gate %s (%s)".formatted(e.gate(), who)
                : String.format(Locale.ROOT, "fever: %.2f °C ≥ %.2f °C at gate %s (%s)",
                e.temperature().bodyC(), e.thresholdC(), e.gate(), who);
        return List.of(new NewAlert(FEVER, SEVERITY_HIGH, e.gate(), e.id(), message, FEVER + ":" + e.id()));
    }

    @Override
    public StatusEffect decide(Optional<GateState> current, StatusMessage s) {
        if (s.online()) {
            return new StatusEffect(true, Optional.empty(), Set.of(GATE_OFFLINE));
        }
        boolean stale = current.filter(g -> StatusMessage.ONLINE.equals(g.state()) && !s.boot().equals(g.boot()))
                .isPresent();
        if (stale) {
            return StatusEffect.stale();
        }
        boolean alreadyOpen = current.map(g -> g.openAlertKinds().contains(GATE_OFFLINE)).orElse(false);
        if (alreadyOpen) {
            return new StatusEffect(true, Optional.empty(), Set.of());
        }
        boolean lost = StatusMessage.REASON_LOST.equals(s.reason());
        String message = lost
                ? "gate %s lost its connection (no clean shutdown)".formatted(s.gate())
                : "gate %s went offline (%s)".formatted(s.gate(), s.reason());
        String key = GATE_OFFLINE + ":" + s.gate() + ":" + s.boot() + ":" + s.at() + ":" + s.reason();
        return new StatusEffect(true, Optional.of(new NewAlert(GATE_OFFLINE, lost ? SEVERITY_HIGH : SEVERITY_LOW,
                s.gate(), null, message, key)), Set.of());
    }
}
