package org.gatepost.agent.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceReport;

/**
 * One heartbeat ({@code docs/mqtt.md}, example {@code docs/contract/heartbeat.json}): the gate's outbox
 * counters, storage and device health at {@code at}. Immutable; {@link #toJson()} writes exactly the
 * contract's fields in its order.
 *
 * @param oldestUnsentAt decision time of the oldest unacknowledged entry, null when there is none
 * @param storeError     the last storage error, null when the last write succeeded
 * @param lists          the version of each list held, by list name; empty when the gate holds none
 */
public record Heartbeat(
        String gate,
        String epoch,
        String boot,
        Instant at,
        long monoMs,
        boolean clockSynced,
        Duration interval,
        long lastSeq,
        long ackedUpTo,
        long backlog,
        Instant oldestUnsentAt,
        long unrecorded,
        long storeBytes,
        long budgetBytes,
        String storeError,
        List<DeviceReport> devices,
        Map<String, Long> lists) {
    /** The contract's bound of {@code oldest_unsent_age_s} (docs/mqtt.md, Bounds): ten years in seconds. */
    static final double MAX_AGE_S = 315_360_000.0;
    /** The contract's bound of {@code store.used_pct}. */
    static final double MAX_USED_PCT = 1_000_000.0;

    public Heartbeat {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(interval, "interval");
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("budgetBytes must be positive: " + budgetBytes);
        }
        devices = List.copyOf(devices);
        lists = Map.copyOf(lists);
    }

    /**
     * Age of the oldest unacknowledged entry in seconds, one decimal, within the contract's 0…{@value #MAX_AGE_S}
     * (a clock stepped back or years forward is clamped, not sent out of range); null when none.
     */
    public Double oldestUnsentAgeSeconds() {
        if (oldestUnsentAt == null) {
            return null;
        }
        long ms = Math.max(0, Duration.between(oldestUnsentAt, at).toMillis());
        return Math.min(MAX_AGE_S, Math.round(ms / 100.0) / 10.0);
    }

    /** {@code storeBytes / budgetBytes × 100}, two decimals, at most the contract's {@value #MAX_USED_PCT}. */
    public double usedPct() {
        return Math.min(MAX_USED_PCT, Math.round(storeBytes * 10_000.0 / budgetBytes) / 100.0);
    }

    /** The schema-v1 JSON. Thread safe. */
    public String toJson() {
        ObjectNode n = ContractJson.message();
        n.put("gate", gate);
        n.put("epoch", epoch);
        n.put("boot", boot);
        n.put("at", EntryJson.AT_FORMAT.format(at));
        n.put("mono_ms", monoMs);
        n.put("clock_synced", clockSynced);
        if (interval.toMillis() % 1_000 == 0) {
            n.put("interval_s", interval.toSeconds());
        } else {
            n.put("interval_s", interval.toMillis() / 1_000.0);
        }
        n.put("last_seq", lastSeq);
        n.put("acked_up_to", ackedUpTo);
        n.put("backlog", backlog);
        Double age = oldestUnsentAgeSeconds();
        if (age == null) {
            n.putNull("oldest_unsent_age_s");
        } else {
            n.put("oldest_unsent_age_s", age.doubleValue());
        }
        n.put("unrecorded", unrecorded);
        ObjectNode store = n.putObject("store");
        store.put("bytes", storeBytes);
        store.put("budget_bytes", budgetBytes);
        store.put("used_pct", usedPct());
        store.put("error", storeError);
        ArrayNode list = n.putArray("devices");
        for (DeviceReport r : devices) {
            DeviceHealth h = r.health();
            ObjectNode d = list.addObject();
            d.put("name", h.device());
            d.put("kind", r.kind());
            d.put("port", h.port());
            d.put("state", h.state().wire());
            d.put("frames", h.frames());
            d.put("bad_frames", h.badFrames());
            d.put("reconnects", h.reconnects());
            d.put("last_error", h.lastError());
        }
        if (lists.isEmpty()) {
            n.putNull("lists");
        } else {
            ObjectNode l = n.putObject("lists");
            for (String name : ListNames.ALL) {
                Long v = lists.get(name);
                if (v != null) {
                    l.put(name, v.longValue());
                }
            }
        }
        return ContractJson.text(n);
    }
}
