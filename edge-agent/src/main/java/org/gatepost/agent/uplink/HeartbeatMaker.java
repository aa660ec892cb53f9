package org.gatepost.agent.uplink;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gatepost.agent.contract.Heartbeat;
import org.gatepost.agent.device.DeviceReport;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers one {@link Heartbeat} from the store's counters and the agent's {@link GateTelemetry}, and keeps
 * the heartbeat's schedule: one every {@code interval}, and one within {@link #MIN_GAP} of a
 * {@link #wantSoon()} (a decision could not be stored), never two closer than that. {@link #make} blocks for
 * one small store query (the oldest unacknowledged entry); a storage or supplier failure still yields a
 * heartbeat, with what could be read. Uplink thread only, except {@link #wantSoon()}.
 */
final class HeartbeatMaker {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatMaker.class);
    static final Duration MIN_GAP = Duration.ofSeconds(1);
    private final String gate;
    private final String boot;
    private final Duration interval;
    private final EntryStore store;
    private final GateTelemetry telemetry;
    private volatile boolean wanted;
    private Instant lastAt = Instant.EPOCH;

    HeartbeatMaker(String gate, String boot, Duration interval, EntryStore store, GateTelemetry telemetry) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.boot = Objects.requireNonNull(boot, "boot");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.store = Objects.requireNonNull(store, "store");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    }

    /** Asks for a heartbeat as soon as the minimum gap allows. Any thread; never blocks. */
    void wantSoon() {
        wanted = true;
    }

    /** Milliseconds until the next heartbeat is due; 0 when it is due now, or when the clock stepped back. */
    long millisUntilDue(Instant now) {
        if (now.isBefore(lastAt)) {
            return 0;
        }
        Instant next = lastAt.plus(interval);
        if (wanted && lastAt.plus(MIN_GAP).isBefore(next)) {
            next = lastAt.plus(MIN_GAP);
        }
        return Math.max(0, Duration.between(now, next).toMillis());
    }

    /** The heartbeat for {@code now}; the schedule counts it as sent. */
    Heartbeat make(Instant now) {
        wanted = false;
        lastAt = now;
        Instant oldest = null;
        try {
            oldest = store.oldestUnackedAt();
        } catch (StoreException e) {
            log.debug("event=heartbeat-oldest-unreadable gate={} cause=\"{}\"", gate, e.getMessage());
        }
        List<DeviceReport> devices;
        try {
            devices = telemetry.devices().get();
        } catch (RuntimeException e) {
            log.warn("event=heartbeat-devices-failed gate={} cause=\"{}\"", gate, e.toString());
            devices = List.of();
        }
        Map<String, Long> lists;
        try {
            lists = telemetry.listVersions().get();
        } catch (RuntimeException e) {
            log.warn("event=heartbeat-lists-failed gate={} cause=\"{}\"", gate, e.toString());
            lists = Map.of();
        }
        return new Heartbeat(
                gate,
                store.epoch(),
                boot,
                now,
                telemetry.monoMillis().getAsLong(),
                telemetry.clockSynced().getAsBoolean(),
                interval,
                store.lastSeq(),
                store.ackedUpTo(),
                store.unackedCount(),
                oldest,
                telemetry.storeHealth().unrecorded(),
                store.sizeBytes(),
                telemetry.storeBudgetBytes(),
                telemetry.storeHealth().lastError(),
                devices,
                lists);
    }
}
