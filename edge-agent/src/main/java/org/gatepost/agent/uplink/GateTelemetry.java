package org.gatepost.agent.uplink;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.gatepost.agent.clock.ClockSync;
import org.gatepost.agent.config.OutboxConfig;
import org.gatepost.agent.device.DeviceReport;
import org.gatepost.agent.store.StoreHealth;

/**
 * What the heartbeat reports beyond the outbox counters, supplied by the agent. The suppliers are called
 * on the uplink thread once per heartbeat; they must be thread safe and return at once.
 *
 * @param devices          one report per configured device
 * @param storeHealth      decisions not recorded and the last storage error, shared with the checkpoint
 * @param storeBudgetBytes the configured storage budget ({@code store.budget})
 * @param monoMillis       monotonic milliseconds since the agent started, as in entries' {@code mono_ms}
 * @param clockSynced      whether the wall clock is believed synchronised
 * @param listVersions     the version of each list the gate holds, by list name (empty: none)
 */
public record GateTelemetry(
        Supplier<List<DeviceReport>> devices,
        StoreHealth storeHealth,
        long storeBudgetBytes,
        LongSupplier monoMillis,
        BooleanSupplier clockSynced,
        Supplier<Map<String, Long>> listVersions) {
    public static final long DEFAULT_BUDGET_BYTES = OutboxConfig.DEFAULT_BUDGET_BYTES;

    public GateTelemetry {
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(storeHealth, "storeHealth");
        Objects.requireNonNull(monoMillis, "monoMillis");
        Objects.requireNonNull(clockSynced, "clockSynced");
        Objects.requireNonNull(listVersions, "listVersions");
        if (storeBudgetBytes < 1) {
            throw new IllegalArgumentException("storeBudgetBytes must be positive: " + storeBudgetBytes);
        }
    }

    /** Telemetry of a gate that holds no lists. */
    public GateTelemetry(
            Supplier<List<DeviceReport>> devices,
            StoreHealth storeHealth,
            long storeBudgetBytes,
            LongSupplier monoMillis,
            BooleanSupplier clockSynced) {
        this(devices, storeHealth, storeBudgetBytes, monoMillis, clockSynced, Map::of);
    }

    /** No devices, a private {@link StoreHealth}, the default budget, mono time from now, systemd's clock state. */
    public static GateTelemetry standalone() {
        long start = System.nanoTime();
        return new GateTelemetry(
                List::of,
                new StoreHealth(),
                DEFAULT_BUDGET_BYTES,
                () -> (System.nanoTime() - start) / 1_000_000L,
                ClockSync.systemd());
    }
}
