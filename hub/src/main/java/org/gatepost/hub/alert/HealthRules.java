package org.gatepost.hub.alert;

import static org.gatepost.hub.store.AlertKind.*;
import static org.gatepost.hub.store.Severity.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.gatepost.hub.contract.HeartbeatMessage;
import org.gatepost.hub.store.ConditionAlert;
import org.gatepost.hub.store.GateHealth;
import org.gatepost.hub.store.Hole;

/**
 * Conditions of a gate that raise an alert when they begin and resolve it when they end (the store keeps one
 * open condition per name, see {@code HubTransaction#openCondition}). Pure and thread safe.
 *
 * <p>Decided by each heartbeat (a heartbeat without a condition ends it):
 * <ul>
 *   <li>{@code device-fault:{name}} ({@code device-fault}): the device is not {@code connected}. A
 *       {@code silent} reader or input is fine (nobody is at the gate); a silent thermometer is not, because it
 *       streams readings all the time. {@code high} for a thermometer (screening is blind),
 *       {@code medium} for other devices.</li>
 *   <li>{@value #STORAGE_CONDITION} ({@code high}): {@code store.used_pct} ≥
 *       {@value #STORAGE_ALERT_PCT}, a storage error, or {@code unrecorded} higher than in the previous heartbeat
 *       of the same agent run.</li>
 *   <li>{@value #BACKLOG_CONDITION} ({@code medium}): more than {@value #BACKLOG_ALERT_ENTRIES}
 *       unacknowledged entries, or the oldest older than {@value #BACKLOG_ALERT_AGE_S} s.</li>
 *   <li>{@value #HEARTBEAT_MISSED} ({@code gate-offline}, {@code high}): raised
 *       by the periodic check when heartbeats stop; any heartbeat ends it.</li>
 * </ul>
 * Decided by the gap check: {@code missing-entries:{epoch}} ({@code missing-entries},
 * {@code high}).
 */
public final class HealthRules {
    public static final String DEVICE_FAULT_PREFIX = DEVICE_FAULT.wire() + ":";
    public static final String STORAGE_CONDITION = STORAGE.wire();
    public static final String BACKLOG_CONDITION = BACKLOG.wire();
    public static final String HEARTBEAT_MISSED = "heartbeat-missed";
    public static final String MISSING_ENTRIES_PREFIX = MISSING_ENTRIES.wire() + ":";
    public static final double STORAGE_ALERT_PCT = 80;
    public static final long BACKLOG_ALERT_ENTRIES = 1000;
    public static final double BACKLOG_ALERT_AGE_S = 600;
    private static final int MAX_REASON = 200;
    private static final int HOLES_NAMED = 5;

    /** True for the conditions that heartbeats decide; a heartbeat that does not report one ends it. */
    public static boolean decidedByHeartbeat(String condition) {
        return condition.startsWith(DEVICE_FAULT_PREFIX)
                || condition.equals(STORAGE_CONDITION)
                || condition.equals(BACKLOG_CONDITION)
                || condition.equals(HEARTBEAT_MISSED);
    }

    /** The condition name of missing entries in an epoch. */
    public static String missingEntries(String epoch) {
        return MISSING_ENTRIES_PREFIX + epoch;
    }

    /**
     * The heartbeat-decided conditions that hold according to {@code h}, each with the alert it raises when it
     * begins. {@code previous} is the gate's heartbeat before this one, if any.
     */
    public Map<String, ConditionAlert> conditions(HeartbeatMessage h, Optional<GateHealth> previous) {
        Map<String, ConditionAlert> out = new LinkedHashMap<>();
        for (HeartbeatMessage.Device d : h.devices()) {
            if (faulty(d)) {
                boolean thermometer = HeartbeatMessage.Device.KIND_THERMOMETER.equals(d.kind());
                String why = d.lastError().isEmpty() ? "" : " (" + cut(d.lastError()) + ")";
                out.put(
                        DEVICE_FAULT_PREFIX + d.name(),
                        new ConditionAlert(
                                DEVICE_FAULT,
                                thermometer ? HIGH : MEDIUM,
                                "%s %s at gate %s is %s%s".formatted(d.kind(), d.name(), h.gate(), d.state(), why)));
            }
        }
        List<String> storage = new ArrayList<>();
        if (h.store().usedPct() >= STORAGE_ALERT_PCT) {
            storage.add(String.format(
                    Locale.ROOT, "%.1f %% of its storage budget used", h.store().usedPct()));
        }
        if (h.store().error() != null) {
            storage.add("storage error: " + cut(h.store().error()));
        }
        long unrecordedBefore = previous.filter(p -> p.boot().equals(h.boot()))
                .map(GateHealth::unrecorded)
                .orElse(0L);
        if (h.unrecorded() > unrecordedBefore) {
            storage.add(h.unrecorded() + " decisions could not be recorded since the agent started");
        }
        if (!storage.isEmpty()) {
            out.put(
                    STORAGE_CONDITION,
                    new ConditionAlert(
                            STORAGE, HIGH, "gate %s storage: %s".formatted(h.gate(), String.join("; ", storage))));
        }
        boolean oldBacklog = h.oldestUnsentAgeS() != null && h.oldestUnsentAgeS() > BACKLOG_ALERT_AGE_S;
        if (h.backlog() > BACKLOG_ALERT_ENTRIES || oldBacklog) {
            String age = h.oldestUnsentAgeS() == null
                    ? ""
                    : String.format(Locale.ROOT, ", the oldest %.0f s old", h.oldestUnsentAgeS());
            out.put(
                    BACKLOG_CONDITION,
                    new ConditionAlert(
                            BACKLOG,
                            MEDIUM,
                            "gate %s has %d entries not yet delivered%s".formatted(h.gate(), h.backlog(), age)));
        }
        return out;
    }

    /** The alert for a gate that has sent no heartbeat for {@code silence} (it announced {@code intervalS}). */
    public ConditionAlert heartbeatMissed(String gate, Duration silence, double intervalS) {
        return new ConditionAlert(
                GATE_OFFLINE,
                HIGH,
                String.format(
                        Locale.ROOT,
                        "gate %s sent no heartbeat for %d s (expected every %.0f s): the agent may be hung",
                        gate,
                        silence.toSeconds(),
                        intervalS));
    }

    /** The alert for entries of {@code epoch} missing at the hub; names up to {@value #HOLES_NAMED} holes. */
    public ConditionAlert missingEntries(String gate, String epoch, List<Hole> holes) {
        String named = holes.stream().limit(HOLES_NAMED).map(Hole::toString).collect(Collectors.joining(", "))
                + (holes.size() > HOLES_NAMED ? ", …" : "");
        return new ConditionAlert(
                MISSING_ENTRIES,
                HIGH,
                "gate %s: entries %s of epoch %s are missing at the hub".formatted(gate, named, epoch)
                        + " (resend requested)");
    }

    private static boolean faulty(HeartbeatMessage.Device d) {
        return deviceFaulty(d.kind(), d.state());
    }

    /**
     * Whether a device of {@code kind} in {@code state} raises a device-fault alert: not {@code connected}, except a
     * reader or input that is {@code silent} (nobody is there). The metrics' device health uses the same rule.
     */
    public static boolean deviceFaulty(String kind, String state) {
        if (HeartbeatMessage.Device.CONNECTED.equals(state)) {
            return false;
        }
        boolean waitsForPeople =
                HeartbeatMessage.Device.KIND_READER.equals(kind) || HeartbeatMessage.Device.KIND_INPUT.equals(kind);
        return !(waitsForPeople && HeartbeatMessage.Device.SILENT.equals(state));
    }

    private static String cut(String s) {
        String one = s.replaceAll("\\p{Cntrl}", " ");
        return one.length() > MAX_REASON ? one.substring(0, MAX_REASON) + "…" : one;
    }
}
